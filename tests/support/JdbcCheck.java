// Connect with pgjdbc (the PostgreSQL driver of Flink's jdbc connector and of Debezium) to a
// JDBC URL, as they would, and print whether the session is encrypted.
//
//   java -cp /usr/share/java/postgresql.jar tests/support/JdbcCheck.java URL USER PASSWORD
//
// Prints `ssl=true|false`; exits 1 with the driver's message when the connection fails.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

public class JdbcCheck {
    public static void main(String[] args) {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             ResultSet r = c.createStatement().executeQuery(
                 "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            r.next();
            System.out.println("ssl=" + r.getBoolean(1));
        } catch (Exception e) {
            Throwable t = e;
            StringBuilder m = new StringBuilder();
            while (t != null) {
                m.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append("\n");
                t = t.getCause();
            }
            System.err.print(m);
            System.exit(1);
        }
    }
}
