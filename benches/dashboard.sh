#!/usr/bin/env bash
# The sampler's cost against a busy pipeline: database CPU and transactions per second
# without the dashboard, then with it open (several viewers on /api/stream), and the
# dashboard's RSS over the run (it must stay flat: history is a bounded ring).
# Brings up its own stack on free ports with `livedbctl infra up` and stops it at the end.
#
#   benches/dashboard.sh [SECONDS] [VIEWERS]      (default 60 s per phase, 5 viewers)
#   DASH_SECS=3600 benches/dashboard.sh 60        # the long run: RSS after an hour open
# DASH_SECS is the length of the phase with the dashboard open (default SECONDS).
set -euo pipefail
SECS=${1:-60}
VIEWERS=${2:-5}
DASH_SECS=${DASH_SECS:-$SECS}
RATE=${RATE:-500}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LIVEDBCTL:-$HERE/target/dist/livedbctl}
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
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  L infra down --purge --yes >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
L infra up >/dev/null
export PGPASSWORD=bench
SQL() { psql -h 127.0.0.1 -p "$PG" -U livedb -d postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }
POSTMASTER=$(python3 -c "import json; print(json.load(open('$TMP/state/postgres/livedbctl.pid.json'))['pid'])")

# CPU seconds used by PostgreSQL so far: the postmaster, its live backends, and the
# backends that already exited (counted in the postmaster's cutime/cstime).
pg_cpu() {
  python3 - "$POSTMASTER" <<'PY'
import os, sys
pm = int(sys.argv[1]); hz = os.sysconf("SC_CLK_TCK")
def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()
s = stat(pm); total = sum(int(x) for x in s[11:15])
for p in os.listdir("/proc"):
    if not p.isdigit() or int(p) == pm: continue
    try:
        st = stat(p)
        if int(st[1]) == pm: total += int(st[11]) + int(st[12])
    except Exception: pass
print(total / hz)
PY
}
xacts() { SQL -c "SELECT sum(xact_commit + xact_rollback) FROM pg_stat_database WHERE datname = 'livedb'"; }

# The busy pipeline: rows at RATE/s, the producer, an aggregate by region.
# (Started as "$BIN" directly, not through L, so $! is livedbctl itself.)
CFG=(--config "$TMP/bench.yaml")
"$BIN" "${CFG[@]}" seed burst --rate "$RATE" --count 100000000 >/dev/null 2>&1 & PIDS+=($!)
"$BIN" "${CFG[@]}" produce poll >/dev/null 2>&1 & PIDS+=($!)
"$BIN" "${CFG[@]}" consume aggregate bench_events --key-field payload.region --max-events 1000000 --max-time 1h --exec true >/dev/null 2>&1 & PIDS+=($!)
sleep 10

measure() {  # label seconds -> prints CPU s/s and transactions/s of the database
  local c0 x0 c1 x1
  c0=$(pg_cpu); x0=$(xacts); sleep "$2"; c1=$(pg_cpu); x1=$(xacts)
  python3 -c "import sys; c0,c1,x0,x1,s=map(float,sys.argv[1:]); print(f'$1: database CPU {(c1-c0)/s*100:.1f}% of a core, {(x1-x0)/s:.1f} transactions/s')" "$c0" "$c1" "$x0" "$x1" "$2"
}

echo "pipeline: seed burst --rate $RATE, produce poll, consume aggregate; $SECS s per phase ($DASH_SECS s with the dashboard)"
measure "without dashboard" "$SECS"

"$BIN" "${CFG[@]}" -o json dashboard --listen 127.0.0.1:0 > "$TMP/dash.json" 2>/dev/null & DASH=$!; PIDS+=($DASH)
for _ in $(seq 100); do [ -s "$TMP/dash.json" ] && break; sleep 0.2; done
ADDR=$(python3 -c "import json; print(json.loads(open('$TMP/dash.json').readline())['address'])")
for _ in $(seq "$VIEWERS"); do curl -sN "http://$ADDR/api/stream" >/dev/null & PIDS+=($!); done
sleep 5
rss() { awk '/VmRSS/ {print $2}' "/proc/$DASH/status"; }
RSS_LOG="$TMP/rss"; : > "$RSS_LOG"
( while kill -0 "$DASH" 2>/dev/null; do echo "$(date +%s) $(rss)" >> "$RSS_LOG"; sleep 5; done ) & PIDS+=($!)
S0=$(curl -s "http://$ADDR/api/snapshot?history=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sampler"]["pg_statements_total"])')
# The sampler's own backend (it names its connection).
SAMPLER_BACKEND=$(SQL -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'livedbctl-sampler' LIMIT 1")
backend_cpu() { python3 -c "import os,sys; s=open(f'/proc/{sys.argv[1]}/stat').read().rsplit(')',1)[1].split(); print((int(s[11])+int(s[12]))/os.sysconf('SC_CLK_TCK'))" "$SAMPLER_BACKEND"; }
B0=$(backend_cpu)
measure "with dashboard, $VIEWERS viewers" "$DASH_SECS"
B1=$(backend_cpu)
python3 -c "import sys; a,b,s=map(float,sys.argv[1:]); print(f'the sampler\'s own PostgreSQL backend (pid $SAMPLER_BACKEND): {(b-a)/s*100:.2f}% of a core')" "$B0" "$B1" "$DASH_SECS"
S1=$(curl -s "http://$ADDR/api/snapshot?history=0" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["sampler"]["pg_statements_total"], s["sampler"]["sample_duration_ms"], s["sampler"]["history_points"], s["sampler"]["history_series"])')
read -r S1 DUR POINTS SERIES <<< "$S1"
python3 -c "import sys; a,b,s=map(float,sys.argv[1:]); print(f'sampler: {(b-a)/s:.1f} statements/s to PostgreSQL (its own count), last sample took $DUR ms, history $POINTS points x $SERIES series')" "$S0" "$S1" "$DASH_SECS"
python3 - "$RSS_LOG" <<'PY'
import sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if len(l.split()) == 2]
if rows:
    t0 = rows[0][0]
    first, last, peak = rows[0][1], rows[-1][1], max(r[1] for r in rows)
    print(f"dashboard RSS: {first/1024:.1f} MiB at start, {last/1024:.1f} MiB after {rows[-1][0]-t0} s, peak {peak/1024:.1f} MiB")
    # Over a long run: RSS at each sixth of it (flat once the 15-minute history is full).
    span = rows[-1][0] - t0
    if span >= 1800:
        marks = [next(r for r in rows if r[0] - t0 >= span * k / 6) for k in range(1, 7)]
        print("dashboard RSS over the run: " + ", ".join(f"{(t - t0) / 60:.0f} min {v / 1024:.1f} MiB" for t, v in marks))
PY
kill -TERM "$DASH"; wait "$DASH" 2>/dev/null || true
sleep 3
measure "without dashboard again" "$SECS"
