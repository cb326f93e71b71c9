#!/usr/bin/env bash
# Benchmark: `stream run` of the revenue-by-region job (jobs/revenue-by-region.yaml: revenue
# per region, 1-minute windows, PostgreSQL + Kafka + Redis sinks) over EVENTS events that
# `produce poll` published, against `consume tail` reading the same topic to its end,
# alternating A B A B (PAIRS pairs, at least 3). Every run is checked: stream run read
# EVENTS events and its PostgreSQL sink holds exactly the windows an SQL query over the
# rows expects; consume tail printed EVENTS lines.
#
#   cargo build --profile dist --locked && benches/stream.sh [EVENTS=1000000] [PAIRS=3]
#
# Standalone (it starts its own PostgreSQL, tansu and Redis on free ports through
# `livedbctl infra up`, and stops them at the end), so benches/run.sh can call it.
# Uses target/dist/livedbctl unless LIVEDBCTL is set. Prints a Markdown table.
set -euo pipefail
N=${1:-1000000}
PAIRS=${2:-3}
[ "$PAIRS" -ge 3 ] || { echo "PAIRS must be at least 3" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LIVEDBCTL:-$ROOT/target/dist/livedbctl}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --profile dist --locked first" >&2; exit 2; }
export PATH="$PATH:$HOME/.cargo/bin"
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG=$(free); KAFKA=$(free); REDIS=$(free)
WORK=$(mktemp -d /tmp/livedbctl-bench-stream.XXXXXX)
chmod 755 "$WORK"
cat > "$WORK/bench.yaml" <<YAML
postgres: {host: 127.0.0.1, port: $PG, dbname: livedb, user: livedb, password: bench, sslmode: disable}
kafka: {brokers: "127.0.0.1:$KAFKA", client_id: bench, topic: db_live_events}
redis: {url: "redis://127.0.0.1:$REDIS"}
topics:
  - {name: db_live_events, partitions: 3, replication_factor: 1}
  - {name: revenue_by_region, partitions: 1, replication_factor: 1}
infra: {state_dir: $WORK/state, kafka_engine: tansu, start_timeout_secs: 120}
YAML
L() { "$BIN" --config "$WORK/bench.yaml" "$@"; }
SQL() { PGPASSWORD=bench PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$PG" -U livedb -d livedb -AtX -v ON_ERROR_STOP=1 "$@"; }
trap 'L infra down --purge --yes >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
JOB=$ROOT/jobs/revenue-by-region.yaml

echo "# $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
L -q infra up >/dev/null

# N rows, 10 ms apart from 2026-01-01 (the events span N/6000 minutes), cycling through
# the seed file's rows, ids in time order; produce poll publishes them.
SQL -q -c "CREATE TEMP TABLE seed (n serial, org text, amount numeric(10,2), region text)" \
    -c "\\copy seed (org, amount, region) FROM '$ROOT/seed/livedb_seed.csv' CSV HEADER" \
    -c "INSERT INTO livedb (org, amount, region, created_at)
        SELECT s.org, s.amount, s.region, timestamp '2026-01-01' + g * interval '10 milliseconds'
        FROM generate_series(0, $N - 1) g JOIN seed s ON s.n = 1 + g % (SELECT count(*) FROM seed)
        ORDER BY g"
L -q produce poll --once --batch-size 10000 >/dev/null
ON_TOPIC=$(L -o json topic describe db_live_events | python3 -c 'import json,sys; print(sum(p["high"] for p in json.load(sys.stdin)["partitions"]))')
[ "$ON_TOPIC" = "$N" ] || { echo "the topic holds $ON_TOPIC events, not $N" >&2; exit 1; }

# The windows stream run must write: closed by the watermark, the last event's time - 5 s
# (every partition read to its end), in SQL over the rows.
EXPECTED="$WORK/expected.txt"
SQL -c "WITH e AS (SELECT floor(extract(epoch FROM created_at AT TIME ZONE current_setting('TimeZone')) * 1000)::bigint AS ms,
                          region, amount FROM livedb)
        SELECT ms - ms % 60000, region, count(*), sum(amount), max(amount)
        FROM e WHERE amount > 0 GROUP BY 1, 2
        HAVING min(ms - ms % 60000) + 59999 <= (SELECT max(ms) - 5000 FROM e)
        ORDER BY 1, 2" > "$EXPECTED"
echo "# $N events on db_live_events (3 partitions); $(wc -l < "$EXPECTED") windows x regions expected"

TIMES="$WORK/times.txt"; : > "$TIMES"
measure() { # SIDE RUN CMD...: /usr/bin/time's wall, user, sys, max RSS (KB)
  local side=$1 run=$2; shift 2
  /usr/bin/time -o "$WORK/t" -f '%e %U %S %M' "$@"
  echo "$side $run $(cat "$WORK/t")" >> "$TIMES"
}
run_a() { # stream run, a new group each time (so it reads everything), its sink emptied
  SQL -q -c "DROP TABLE IF EXISTS revenue_by_region" -c "DELETE FROM livedbctl_stream_checkpoints" >/dev/null 2>&1 || true
  measure A "$1" "$BIN" --config "$WORK/bench.yaml" -o json stream run "$JOB" -e -g "bench-$1" > "$WORK/a.json"
  python3 - "$WORK/a.json" "$N" <<'PY'
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
assert last["type"] == "summary" and last["stopped"] == "end", last
assert last["events"] == int(sys.argv[2]), f"stream run read {last['events']} events"
PY
  SQL -c "SELECT (extract(epoch FROM window_start) * 1000)::bigint, region, orders, revenue, biggest
          FROM revenue_by_region ORDER BY 1, 2" > "$WORK/got.txt"
  cmp -s "$EXPECTED" "$WORK/got.txt" || { echo "run $1: the sink differs from the expected windows" >&2; diff "$EXPECTED" "$WORK/got.txt" | head >&2; exit 1; }
}
run_b() { # consume tail to the end, every line counted
  measure B "$1" sh -c "'$BIN' --config '$WORK/bench.yaml' -o json consume tail db_live_events --from start -e > '$WORK/b.json'"
  local lines; lines=$(wc -l < "$WORK/b.json")
  [ "$lines" = "$N" ] || { echo "run $1: consume tail printed $lines lines" >&2; exit 1; }
}
for pair in $(seq 1 "$PAIRS"); do
  run_a "$pair"; run_b "$pair"
done

python3 - "$TIMES" "$N" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
side = {"A": "stream run -e (revenue-by-region)", "B": "consume tail --from start -e -o json"}
print("| run | command | wall s | events/s | CPU s | CPU µs/event | peak RSS |")
print("|----:|---------|-------:|---------:|------:|-------------:|---------:|")
by = {"A": [], "B": []}
for s, run, wall, user, sys_, rss in rows:
    wall, cpu, rss = float(wall), float(user) + float(sys_), int(rss) / 1024
    by[s].append((wall, cpu, rss))
    print(f"| {run} | {side[s]} | {wall:.1f} | {n / wall:,.0f} | {cpu:.2f} | {cpu / n * 1e6:.2f} | {rss:.0f} MB |")
print()
print("| median | wall s | events/s | CPU µs/event | peak RSS |")
print("|--------|-------:|---------:|-------------:|---------:|")
for s in "AB":
    w = statistics.median(x[0] for x in by[s]); c = statistics.median(x[1] for x in by[s])
    print(f"| {side[s]} | {w:.1f} | {n / w:,.0f} | {c / n * 1e6:.2f} | {max(x[2] for x in by[s]):.0f} MB |")
ratio = statistics.median(b[0] / a[0] for a, b in zip(by["A"], by["B"]))
cpu = statistics.median(a[1] / b[1] for a, b in zip(by["A"], by["B"]))
print()
print(f"throughput of stream run / consume tail (median of the pairs' ratios): {ratio:.2f}x; CPU per event: {cpu:.2f}x")
PY
