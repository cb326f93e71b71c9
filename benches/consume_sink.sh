#!/usr/bin/env bash
# `consume sink` events/s into PostgreSQL against `COPY` of the same rows, and
# `produce send` messages/s on the way. Brings up its own stack (PostgreSQL, tansu, Redis
# on free ports) with `livedbctl infra up` and stops it at the end.
#
#   [BATCH=500] benches/consume_sink.sh [EVENTS]          (default 100000)
#   LIVEDBCTL=target/release/livedbctl benches/consume_sink.sh
set -euo pipefail
N=${1:-100000}
BATCH=${BATCH:-500}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LIVEDBCTL:-$HERE/target/release/livedbctl}
[ -x "$BIN" ] || BIN=$HERE/target/debug/livedbctl
export PATH=$PATH:$HOME/.cargo/bin
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG=$(free); KAFKA=$(free); REDIS=$(free)
TMP=$(mktemp -d); chmod 755 "$TMP"
cat > "$TMP/bench.yaml" <<YAML
postgres: {host: 127.0.0.1, port: $PG, dbname: livedb, user: livedb, password: bench, sslmode: disable}
kafka: {brokers: "127.0.0.1:$KAFKA", client_id: bench, topic: bench_events}
redis: {url: "redis://127.0.0.1:$REDIS"}
topics: [{name: bench_events, partitions: 3, replication_factor: 1}]
infra: {state_dir: $TMP/state, kafka_engine: tansu, start_timeout_secs: 120}
YAML
L() { "$BIN" --config "$TMP/bench.yaml" "$@"; }
trap 'L infra down --purge --yes >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT
L infra up >/dev/null
export PGPASSWORD=bench
SQL() { psql -h 127.0.0.1 -p "$PG" -U livedb -d livedb -qAtX -v ON_ERROR_STOP=1 "$@"; }
for t in sink_insert sink_upsert copy_rows; do
  SQL -c "CREATE TABLE $t (id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, value DOUBLE PRECISION, at TIMESTAMPTZ NOT NULL)"
done
python3 - "$N" "$TMP" <<'PY'
import json, sys
n, tmp = int(sys.argv[1]), sys.argv[2]
with open(f"{tmp}/events.jsonl", "w") as j, open(f"{tmp}/rows.csv", "w") as c:
    for i in range(n):
        at = f"2026-01-01T00:00:{i % 60:02d}Z"
        j.write(json.dumps({"id": i, "sensor": f"s{i % 50}", "value": i * 0.5, "at": at}) + "\n")
        c.write(f"{i},s{i % 50},{i * 0.5},{at}\n")
PY
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{t:.2f} s, {n/t:,.0f} rows/s')" "$1" "$2"; }

t0=$(now); L -o json produce send bench_events --file "$TMP/events.jsonl" --key-field id > "$TMP/send.json"; t1=$(now)
echo "produce send:                    $(rate "$N" "$(echo "$t1 - $t0" | bc)")"

t0=$(now); SQL -c "\\copy copy_rows FROM '$TMP/rows.csv' CSV"; t1=$(now)
COPY_S=$(echo "$t1 - $t0" | bc)
echo "COPY (psql \\copy, one transaction): $(rate "$N" "$COPY_S")"

for mode in insert upsert; do
  extra=(); [ $mode = upsert ] && extra=(--upsert-key id)
  t0=$(now)
  # Time-stamp the flush records: the steady rate runs from the first flush to the last,
  # leaving out joining the group (a fixed cost of a few seconds on tansu).
  L -o json consume sink bench_events --table "sink_$mode" --group "bench_$mode" --exit-at-end --batch-size "$BATCH" "${extra[@]}" \
    | python3 -c '
import sys, time, json
first = last = None; n = 0
for line in sys.stdin:
    r = json.loads(line); t = time.time()
    if r.get("type") != "flush": continue
    if first is None: first = t
    else: n += r["events"]
    last = t
print(f"{n} {last - first:.3f}")' > "$TMP/steady_$mode"
  t1=$(now)
  s=$(echo "$t1 - $t0" | bc)
  rows=$(SQL -c "SELECT count(*) FROM sink_$mode")
  [ "$rows" -eq "$N" ] || { echo "sink_$mode has $rows rows, expected $N" >&2; exit 1; }
  read -r sn st < "$TMP/steady_$mode"
  echo "consume sink ($mode, batch $BATCH): end to end $(rate "$N" "$s") = $(python3 -c "print(f'{$COPY_S/$s:.2f}')")x COPY; steady $(rate "$sn" "$st") = $(python3 -c "print(f'{($sn/$st)/($N/$COPY_S):.2f}')")x COPY"
done
echo "(end to end includes joining the group and reaching the end of every partition)"
