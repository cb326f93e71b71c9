# consume tail against kcat -C on the same topic: -o json against -J, and a -f template
# against kcat's -f. Goals: wall >= 1.0x kcat, CPU <= 1.5x kcat's.
# ROWS events of the producer's shape, keyed by id, on a 3-partition topic.
new_topic tailsrc
python3 - "$ROWS" > "$WORK/tail.tsv" <<'PY'
import sys
orgs = ["Acme Corporation", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries"]
out = sys.stdout
for i in range(1, int(sys.argv[1]) + 1):
    out.write(f'{i}\t{{"id":{i},"payload":{{"org":"{orgs[i % 6]}","amount":"{i % 9000}.{i % 100:02d}","region":"us-east"}},"meta":{{"source":"kafka-producer","created_at":"2026-11-22T04:21:40.{i % 1000000:06d}Z"}}}}\n')
PY
KP -t tailsrc -l "$WORK/tail.tsv"
rm -f "$WORK/tail.tsv"
expect "records on tailsrc" "$(on_topic tailsrc)" "$ROWS"
# Output to $OUT (memory), counted after each run (untimed).
CHECK='expect "lines printed" "$(wc -l < "$OUT/tail.$RUN")" "$ROWS"; rm -f "$OUT/tail.$RUN"'
COUNT=$ROWS

A_NAME="consume tail tailsrc --from start -e -o json"
A_CMD='L -o json consume tail tailsrc --from start -e > "$OUT/tail.$RUN"'
B_NAME="kcat -C -t tailsrc -o beginning -e -J"
B_CMD='K -C -t tailsrc -o beginning -e -q -J > "$OUT/tail.$RUN"'
compare "consume tail -o json, $ROWS records (defaults)"

A_NAME="consume tail tailsrc --from start -e -f '%p %o %k %v\\n'"
A_CMD='L consume tail tailsrc --from start -e -f "%p %o %k %v\n" > "$OUT/tail.$RUN"'
B_NAME="kcat -C -t tailsrc -o beginning -e -f '%p %o %k %s\\n'"
B_CMD='K -C -t tailsrc -o beginning -e -q -f "%p %o %k %s\n" > "$OUT/tail.$RUN"'
compare "consume tail -f, $ROWS records (defaults)"
