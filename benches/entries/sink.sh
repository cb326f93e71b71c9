# consume sink at default flags against consume tail -o json on the same topic (goal: >=
# 0.8x tail's rate), and its PostgreSQL write path alone (the time spent writing batches,
# from its flush records) against psql \copy of the same rows (goal: >= 0.5x).
SINK_ROWS=${SINK_ROWS:-400000}
export SINK_ROWS
new_topic sinksrc
python3 - "$SINK_ROWS" "$WORK" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]
with open(f"{work}/sink.tsv", "w") as j, open(f"{work}/sink.csv", "w") as c:
    for i in range(n):
        at = f"2026-01-01T00:00:{i % 60:02d}Z"
        j.write(f'{i}\t{{"id":{i},"sensor":"s{i % 50}","value":{i * 0.5},"at":"{at}"}}\n')
        c.write(f"{i},s{i % 50},{i * 0.5},{at}\n")
PY
KP -t sinksrc -l "$WORK/sink.tsv"
expect "records on sinksrc" "$(on_topic sinksrc)" "$SINK_ROWS"
make_table() { SQL -c "DROP TABLE IF EXISTS $1; CREATE TABLE $1 (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, value DOUBLE PRECISION, at TIMESTAMPTZ NOT NULL)" >/dev/null; }
export -f make_table
COUNT=$SINK_ROWS

PREP='make_table s$RUN'
CHECK='if [ $SIDE = A ]; then expect "rows in s$RUN" "$(SQL -c "SELECT count(*) FROM s$RUN")" "$SINK_ROWS"; SQL -c "DROP TABLE s$RUN" >/dev/null; else expect "lines printed" "$(wc -l < "$OUT/tail.$RUN")" "$SINK_ROWS"; rm -f "$OUT/tail.$RUN"; fi'
A_NAME="consume sink sinksrc --table T -e"
A_CMD='L -o json consume sink sinksrc --table s$RUN --group g$RUN -e > "$WORK/flush.$RUN"'
B_NAME="consume tail sinksrc --from start -e -o json"
B_CMD='L -o json consume tail sinksrc --from start -e > "$OUT/tail.$RUN"'
compare "consume sink vs consume tail, $SINK_ROWS events (defaults)"

# The write path alone: A's time is the sum of write_ms over its flush records.
write_path() { # write_path FLUSH_FILE: seconds spent writing batches
  python3 -c 'import json,sys; print(sum(json.loads(l).get("write_ms", 0) for l in open(sys.argv[1]) if "\"flush\"" in l) / 1000)' "$1"
}
export -f write_path
# The reference is a 1-second \copy whose time ranged 0.58-0.95 s over one run's pairs: 5 pairs.
COMPARE_PAIRS=$((PAIRS > 5 ? PAIRS : 5))
for mode in insert upsert; do
  extra=; [ $mode = upsert ] && extra="--upsert-key id"
  export extra
  PREP='make_table s$RUN'
  CHECK='expect "rows in s$RUN" "$(SQL -c "SELECT count(*) FROM s$RUN")" "$SINK_ROWS"; SQL -c "DROP TABLE s$RUN" >/dev/null'
  A_NAME="consume sink sinksrc --table T -e $extra: time in its writes"
  A_CMD='L -o json consume sink sinksrc --table s$RUN --group g$RUN -e $extra > "$WORK/flush.$RUN"'
  A_TIME='write_path "$WORK/flush.$RUN"'
  B_NAME="psql \\copy T FROM sink.csv CSV"
  B_CMD='SQL -c "\\copy s$RUN FROM '"'$WORK/sink.csv'"' CSV" >/dev/null'
  compare "consume sink's PostgreSQL writes ($mode) vs psql \\copy, $SINK_ROWS rows (defaults)"
  A_TIME=
done
unset COMPARE_PAIRS
rm -f "$WORK/sink.tsv" "$WORK/sink.csv" "$WORK"/flush.*
