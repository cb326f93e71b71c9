# seed burst --rate max against psql \copy of the same rows from a file (goal: >= 0.8x).
python3 - "$ROOT/seed/livedb_seed.csv" "$ROWS" > "$WORK/rows.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
out = sys.stdout
for i in range(int(sys.argv[2])):
    r = rows[i % len(rows)]
    out.write(f"{r['org']}\t{r['amount']}\t{r['region']}\n")
PY
A_NAME="seed burst --rate max --count $ROWS"
A_CMD='L -q seed burst --rate max --count $ROWS >/dev/null'
B_NAME="psql \\copy livedb FROM rows.tsv"
B_CMD='SQL -c "\\copy livedb (org, amount, region) FROM '"'$WORK/rows.tsv'"'" >/dev/null'
PREP='SQL -c "TRUNCATE livedb RESTART IDENTITY" >/dev/null'
CHECK='expect "rows in livedb" "$(SQL -c "SELECT count(*) FROM livedb")" "$ROWS"'
COUNT=$ROWS
compare "seed burst, $ROWS rows (defaults)"
rm -f "$WORK/rows.tsv"
