#!/usr/bin/env bash
# Benchmarks of the live pipeline against a throw-away local stack (PostgreSQL, tansu) on
# free ports. Results are written down by hand in benches/RESULTS-pipeline.md.
#
#   cargo build --release --bins --example produce_file && benches/pipeline.sh   # ROWS=1000000
#
# 1. seed burst --rate max        vs  psql \copy of the same rows from a file
# 2. produce poll --once          vs  psql COPY (SELECT json_build_object(...)) | kafka_produce.py
# 3. the broker's ceiling: the same events produced from a file, by kafka_produce.py and by
#    benches/tools/produce_file.rs (librdkafka with produce poll's settings, no database)
# Times and peak memory come from /usr/bin/time (%e seconds, %M max RSS in KiB).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/target/release/livedbctl}
ROWS=${ROWS:-1000000}
export PATH="$PATH:$HOME/.cargo/bin"
WORK=$(mktemp -d /tmp/livedbctl-bench.XXXXXX)
chmod 755 "$WORK"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG=$(port); KAFKA=$(port); REDIS=$(port)
cat > "$WORK/bench.yaml" <<EOF
postgres: {host: 127.0.0.1, port: $PG, dbname: livedb, user: livedb, password: bench, sslmode: disable}
kafka: {brokers: "127.0.0.1:$KAFKA", client_id: bench, topic: db_live_events}
redis: {url: "redis://127.0.0.1:$REDIS"}
topics:
  - {name: db_live_events, partitions: 3, replication_factor: 1}
  - {name: pipe_events, partitions: 3, replication_factor: 1}
  - {name: file_events, partitions: 3, replication_factor: 1}
  - {name: perf_events, partitions: 3, replication_factor: 1}
infra: {state_dir: $WORK/state, kafka_engine: tansu, services: [postgres, kafka], start_timeout_secs: 120}
EOF
L() { "$BIN" --config "$WORK/bench.yaml" "$@"; }
trap 'L infra down --purge --yes >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
L infra up >/dev/null
export PGPASSWORD=bench
PSQL=(psql -h 127.0.0.1 -p "$PG" -U livedb -d livedb -AtX -v ON_ERROR_STOP=1)
timed() { # timed NAME CMD...: run, record "NAME seconds maxrss_kib"
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/t" "$@"
  read -r secs kib < "$WORK/t"
  printf '%-34s %8.2f s  %8.0f rows/s  peak RSS %6.1f MiB\n' "$name" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$kib / 1024" | bc -l)"
}
on_topic() { # on_topic TOPIC: records on the topic (sum of high watermarks)
  python3 "$ROOT/tests/support/kafka_tool.py" --bootstrap "127.0.0.1:$KAFKA" offsets "$1" |
    python3 -c 'import json,sys; print(sum(h for _, h in json.load(sys.stdin).values()))'
}
check_topic() { local n; n=$(on_topic "$1"); echo "  $1 holds $n records"; test "$n" = "$ROWS"; }
reset() { "${PSQL[@]}" -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null; }

echo "rows: $ROWS   $(nproc) cores   $(uname -sr)   $(tansu --version)   $(psql --version)"
# The same rows seed burst cycles through, as a file for \copy.
python3 - "$ROOT/seed/livedb_seed.csv" "$ROWS" > "$WORK/rows.tsv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n = int(sys.argv[2])
out = sys.stdout
for i in range(n):
    r = rows[i % len(rows)]
    out.write(f"{r['org']}\t{r['amount']}\t{r['region']}\n")
EOF

echo "== writing $ROWS rows"
# Alternated, twice each: the machine is shared and single runs vary by 20%.
for round in 1 2; do
  reset
  timed "psql \\copy (from a file) #$round" "${PSQL[@]}" -c "\\copy livedb (org, amount, region) FROM '$WORK/rows.tsv'"
  reset
  timed "seed burst --rate max #$round" "$BIN" --config "$WORK/bench.yaml" -q seed burst --rate max --count "$ROWS"
done
test "$("${PSQL[@]}" -c 'SELECT count(*) FROM livedb')" = "$ROWS"

echo "== publishing $ROWS rows"
# Freshly loaded rows get their hint bits set by whoever reads them first; settle that
# before timing, so neither contender pays it for the other.
"${PSQL[@]}" -c "VACUUM (ANALYZE) livedb" >/dev/null
timed "produce poll --once" bash -c "'$BIN' --config '$WORK/bench.yaml' -q produce poll --once --batch-size 10000 >/dev/null"
test "$("${PSQL[@]}" -c 'SELECT last_id FROM producer_offsets')" = "$ROWS"
check_topic db_live_events
SELECT="SELECT json_build_object('id', id, 'payload', json_build_object('org', org, 'amount', amount::text, 'region', region), 'meta', json_build_object('source', 'kafka-producer', 'created_at', created_at)) FROM livedb ORDER BY id"
timed "psql COPY | kafka_produce.py" bash -c "$(printf '%q ' "${PSQL[@]}") -c \"COPY ($SELECT) TO STDOUT\" | python3 '$ROOT/benches/kafka_produce.py' --bootstrap 127.0.0.1:$KAFKA --topic pipe_events >/dev/null"
check_topic pipe_events

echo "== the broker's ceiling"
"${PSQL[@]}" -c "COPY ($SELECT) TO STDOUT" > "$WORK/events.jsonl"
timed "kafka_produce.py < events file" bash -c "python3 '$ROOT/benches/kafka_produce.py' --bootstrap '127.0.0.1:$KAFKA' --topic file_events '$WORK/events.jsonl' >/dev/null"
check_topic file_events
timed "produce_file (librdkafka, no db)" bash -c "'$ROOT/target/release/examples/produce_file' 127.0.0.1:$KAFKA perf_events '$WORK/events.jsonl' >/dev/null"
check_topic perf_events
