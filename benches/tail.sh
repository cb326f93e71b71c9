#!/usr/bin/env bash
# Benchmark: `consume tail --from start -e -o json` against an independent consumer
# (kafka-python reading to the end and printing each value; kcat cannot talk to tansu),
# then RSS of `consume tail` following a topic for a few minutes.
#
#   benches/tail.sh [MESSAGES=1000000] [FOLLOW_SECS=180] [FOLLOW_RATE=2000]
#
# Starts its own tansu on a free port (livedbctl infra up) and removes it afterwards.
# Uses target/release/livedbctl (cargo build --release) unless LIVEDBCTL is set.
set -euo pipefail
N=${1:-1000000}
FOLLOW_SECS=${2:-180}
FOLLOW_RATE=${3:-2000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LIVEDBCTL:-$ROOT/target/release/livedbctl}
PY="python3 $ROOT/benches/tail_bench.py"
export PATH="$PATH:$HOME/.cargo/bin"
WORK=$(mktemp -d /tmp/livedbctl-bench-XXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PROFILE=$WORK/bench.yaml
cat > "$PROFILE" <<YAML
kafka:
  brokers: 127.0.0.1:$PORT
  client_id: bench
  topic: bench
topics:
  - name: bench
    partitions: 1
    replication_factor: 1
infra:
  state_dir: $WORK/state
  services: [kafka]
  kafka_engine: tansu
  start_timeout_secs: 120
YAML
L="$BIN --config $PROFILE"
trap '$L infra down --purge --yes >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

echo "# machine: $(nproc) cores, $(uname -sr); tansu $(tansu --version 2>/dev/null | head -1); $($BIN --version)"
$L -q infra up >/dev/null
$L -q topic create bench -p 1 --if-not-exists >/dev/null
echo "# producing $N records with kafka-python"
$PY --bootstrap 127.0.0.1:$PORT produce bench "$N"
$L -o json topic list | python3 -c 'import json,sys; print("# topic:", json.load(sys.stdin)["topics"])'

for run in 1 2; do
  echo "# run $run: livedbctl consume tail --from start -e -o json"
  $PY time -- $L -o json consume tail bench --from start -e
  echo "# run $run: kafka-python consumer to the end"
  $PY time -- $PY --bootstrap 127.0.0.1:$PORT consume bench
done

echo "# following for ${FOLLOW_SECS}s at ${FOLLOW_RATE} records/s: RSS of livedbctl consume tail -o json"
$PY --bootstrap 127.0.0.1:$PORT follow bench "$FOLLOW_SECS" "$FOLLOW_RATE" -- $L -o json consume tail bench
