/*
 * livedbctl's SQL runner: the pattern Flink's Kubernetes operator uses to run SQL on a
 * cluster that has no SQL Gateway. `livedbctl stream submit` uploads this program with
 * POST /jars/upload and starts it with POST /jars/:id/run, the statements of a stream job
 * as its arguments, one statement per argument.
 *
 * SET 'key' = 'value' statements configure the table environment (the job name is
 * `pipeline.name`); every other statement goes to TableEnvironment#executeSql, which runs
 * DDL at once and submits an INSERT (or EXECUTE STATEMENT SET) as the job. Flink's web
 * submission allows one job per program, so a stream job's inserts arrive as one statement
 * set.
 *
 * Built with javac against $FLINK_HOME/lib (the table API uber jar); livedbctl builds it
 * on demand (src/stream/flink/runner.rs).
 */
package livedbctl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

public final class SqlRunner {
    private static final Pattern SET =
            Pattern.compile("(?is)\\s*SET\\s+'((?:[^']|'')+)'\\s*=\\s*'((?:[^']|'')*)'\\s*;?\\s*");

    private SqlRunner() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "usage: SqlRunner STATEMENT... (one SQL statement per argument)");
        }
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String statement : args) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                String key = set.group(1).replace("''", "'");
                String value = set.group(2).replace("''", "'");
                tableEnv.getConfig().getConfiguration().setString(key, value);
                continue;
            }
            String trimmed = statement.trim();
            if (trimmed.endsWith(";")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (!trimmed.isEmpty()) {
                tableEnv.executeSql(trimmed);
            }
        }
    }
}
