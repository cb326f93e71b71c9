#!/usr/bin/env bash
# `redis dump` on 100,000 mixed keys against the CDC seed's shell loop and against
# `redis-cli --scan` (names only). Starts its own redis-server on a free port.
#
#   benches/redis_dump.sh [KEYS] [SEED_SAMPLE]     (defaults: 100000 500)
#   LIVEDBCTL=target/release/livedbctl benches/redis_dump.sh
#
# The seed's loop runs two redis-cli processes per key; it is timed on the first
# SEED_SAMPLE keys and extrapolated, since 100,000 keys would take about half an hour.
set -euo pipefail
KEYS=${1:-100000}
SAMPLE=${2:-500}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${LIVEDBCTL:-$HERE/target/release/livedbctl}
[ -x "$BIN" ] || BIN=$HERE/target/debug/livedbctl
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TMP=$(mktemp -d)
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$TMP/redis.log" --dir "$TMP"
trap 'redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
printf 'redis:\n  url: redis://127.0.0.1:%s\n' "$PORT" > "$TMP/bench.yaml"

# 40% strings, 15% lists (10 items), 15% hashes (5 fields), 10% sets (8), 10% zsets (8),
# 10% streams (3 entries); every 7th key has a TTL.
python3 - "$KEYS" > "$TMP/load.txt" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout
for i in range(n):
    k = f"bench:{i}"
    r = i % 20
    if r < 8:
        out.write(f"SET {k} value-{i}-{'x'*20}\n")
    elif r < 11:
        out.write(f"RPUSH {k} " + " ".join(f"item{j}" for j in range(10)) + "\n")
    elif r < 14:
        out.write(f"HSET {k} " + " ".join(f"f{j} v{j}" for j in range(5)) + "\n")
    elif r < 16:
        out.write(f"SADD {k} " + " ".join(f"m{j}" for j in range(8)) + "\n")
    elif r < 18:
        out.write(f"ZADD {k} " + " ".join(f"{j} z{j}" for j in range(8)) + "\n")
    else:
        for j in range(3):
            out.write(f"XADD {k} * op c id {j}\n")
    if i % 7 == 0:
        out.write(f"EXPIRE {k} 86400\n")
PY
redis-cli -p "$PORT" --pipe < "$TMP/load.txt" >/dev/null
echo "keys loaded: $(redis-cli -p "$PORT" dbsize)  binary: $BIN"

now() { date +%s.%N; }
rate() { python3 -c "import sys; n,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{t:.3f} s, {n/t:,.0f} keys/s')" "$1" "$2"; }

t0=$(now); redis-cli -p "$PORT" --scan > "$TMP/names.txt"; t1=$(now)
echo "redis-cli --scan (names only):      $(rate "$(wc -l < "$TMP/names.txt")" "$(echo "$t1 - $t0" | bc)")"

for out in json human; do
  t0=$(now); "$BIN" --config "$TMP/bench.yaml" -o "$out" redis dump > "$TMP/dump.$out" 2>"$TMP/dump.err"; t1=$(now)
  echo "livedbctl redis dump -o $out:    $(rate "$KEYS" "$(echo "$t1 - $t0" | bc)")  ($(tail -1 "$TMP/dump.err"))"
done
[ "$(wc -l < "$TMP/dump.json")" -eq "$KEYS" ] || { echo "dump printed $(wc -l < "$TMP/dump.json") lines, expected $KEYS" >&2; exit 1; }

# The seed's loop, verbatim apart from the port, on the first SAMPLE keys.
seed_loop() {
  while read -r key; do
    type=$(redis-cli -p "$PORT" type "$key")
    echo "Key: $key (Type: $type)"
    case $type in
      string) redis-cli -p "$PORT" get "$key" ;;
      list) redis-cli -p "$PORT" lrange "$key" 0 5 ;;
      set) redis-cli -p "$PORT" smembers "$key" ;;
      hash) redis-cli -p "$PORT" hgetall "$key" ;;
      zset) redis-cli -p "$PORT" zrange "$key" 0 5 withscores ;;
      *) echo "Unsupported type or empty key" ;;
    esac
    echo "----------------------"
  done
}
t0=$(now); head -n "$SAMPLE" "$TMP/names.txt" | seed_loop > /dev/null; t1=$(now)
el=$(echo "$t1 - $t0" | bc)
echo "seed shell loop ($SAMPLE-key sample): $(rate "$SAMPLE" "$el"); extrapolated to $KEYS keys: $(python3 -c "print(f'{$el*$KEYS/$SAMPLE:,.0f} s')")"
