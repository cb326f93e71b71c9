# stream run of jobs/revenue-by-region.yaml (revenue per region, 1-minute windows,
# PostgreSQL + Kafka + Redis sinks) against consume tail -o json reading the same topic to
# its end. Goals: throughput >= 0.8x tail's, CPU per event <= 1.5x tail's, peak RSS < 100 MB.
# ROWS rows 10 ms apart (so ROWS/6000 minutes of windows), cycling through the seed file,
# published by produce poll to their own topic; the job reads that topic (a copy of the job
# file with its topics renamed). Every stream run must read ROWS events and leave in its
# PostgreSQL sink exactly the windows an SQL query over the rows expects; every tail must
# print ROWS lines.
SQL -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null
SQL -q -c "CREATE TEMP TABLE seed (n serial, org text, amount numeric(10,2), region text)" \
    -c "\\copy seed (org, amount, region) FROM '$ROOT/seed/livedb_seed.csv' CSV HEADER" \
    -c "INSERT INTO livedb (org, amount, region, created_at)
        SELECT s.org, s.amount, s.region, timestamp '2026-01-01' + g * interval '10 milliseconds'
        FROM generate_series(0, $ROWS - 1) g JOIN seed s ON s.n = 1 + g % (SELECT count(*) FROM seed)
        ORDER BY g" >/dev/null
new_topic streamsrc
new_topic streamout 1
KAFKA_TOPIC=streamsrc L -q produce poll --once >/dev/null
expect "records on streamsrc" "$(on_topic streamsrc)" "$ROWS"
sed -e 's/^  topic: db_live_events$/  topic: streamsrc/' -e 's/{topic: revenue_by_region}/{topic: streamout}/' \
  "$ROOT/jobs/revenue-by-region.yaml" > "$WORK/stream-job.yaml"
grep -q 'topic: streamsrc' "$WORK/stream-job.yaml" && grep -q 'topic: streamout' "$WORK/stream-job.yaml" ||
  { echo "jobs/revenue-by-region.yaml changed shape: its topics were not renamed" >&2; exit 1; }
# The windows the job must write: those the watermark (the last event's time - 5 s, every
# partition read to its end) has closed, in SQL over the rows.
SQL -c "WITH e AS (SELECT floor(extract(epoch FROM created_at AT TIME ZONE current_setting('TimeZone')) * 1000)::bigint AS ms,
                          region, amount FROM livedb)
        SELECT ms - ms % 60000, region, count(*), sum(amount), max(amount)
        FROM e WHERE amount > 0 GROUP BY 1, 2
        HAVING min(ms - ms % 60000) + 59999 <= (SELECT max(ms) - 5000 FROM e)
        ORDER BY 1, 2" > "$WORK/stream-expected.txt"
note "stream: $ROWS events on streamsrc, $(wc -l < "$WORK/stream-expected.txt") windows x regions expected in the job's table"
stream_check() { # stream_check RUN: the run read everything and wrote exactly the expected windows
  python3 - "$WORK/stream.$1" "$ROWS" <<'PY' || return 1
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
assert last["type"] == "summary" and last["stopped"] == "end", last
assert last["events"] == int(sys.argv[2]), f"stream run read {last['events']} events"
PY
  SQL -c "SELECT (extract(epoch FROM window_start) * 1000)::bigint, region, orders, revenue, biggest
          FROM revenue_by_region ORDER BY 1, 2" > "$WORK/stream-got.txt"
  cmp -s "$WORK/stream-expected.txt" "$WORK/stream-got.txt" ||
    { echo "CHECK FAILED: run $1: the job's table differs from the expected windows" >&2; diff "$WORK/stream-expected.txt" "$WORK/stream-got.txt" | head >&2; return 1; }
  rm -f "$WORK/stream.$1"
}
COUNT=$ROWS
# Each stream run starts from nothing: its own group, no checkpoint, an empty sink table.
PREP='[ $SIDE = B ] || SQL -c "DROP TABLE IF EXISTS revenue_by_region" -c "DELETE FROM livedbctl_stream_checkpoints" >/dev/null 2>&1 || true'
CHECK='if [ $SIDE = A ]; then stream_check $RUN; else expect "lines printed" "$(wc -l < "$OUT/tail.$RUN")" "$ROWS"; rm -f "$OUT/tail.$RUN"; fi'
A_NAME="stream run revenue-by-region.yaml -e"
A_CMD='L -o json stream run "$WORK/stream-job.yaml" -e -g bench-$RUN > "$WORK/stream.$RUN"'
B_NAME="consume tail streamsrc --from start -e -o json"
B_CMD='L -o json consume tail streamsrc --from start -e > "$OUT/tail.$RUN"'
compare "stream run (revenue-by-region) vs consume tail, $ROWS events (defaults)"
rm -f "$WORK"/stream-*.txt
