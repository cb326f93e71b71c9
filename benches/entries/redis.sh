# redis dump with values against redis-cli --scan (names only): goal, faster than the scan.
KEYS=${REDIS_KEYS:-100000}
export KEYS
python3 - "$KEYS" <<'PY' | redis-cli -p "$REDIS" --pipe >/dev/null
import sys
out = sys.stdout
for i in range(int(sys.argv[1])):
    k, r = f"bench:{i}", i % 20
    if r < 8: out.write(f"SET {k} value-{i}-{'x'*20}\n")
    elif r < 11: out.write(f"RPUSH {k} " + " ".join(f"item{j}" for j in range(10)) + "\n")
    elif r < 14: out.write(f"HSET {k} " + " ".join(f"f{j} v{j}" for j in range(5)) + "\n")
    elif r < 16: out.write(f"SADD {k} " + " ".join(f"m{j}" for j in range(8)) + "\n")
    elif r < 18: out.write(f"ZADD {k} " + " ".join(f"{j} z{j}" for j in range(8)) + "\n")
    else: out.write("".join(f"XADD {k} * op c id {j}\n" for j in range(3)))
    if i % 7 == 0: out.write(f"EXPIRE {k} 86400\n")
PY
expect "keys in redis" "$(redis-cli -p "$REDIS" dbsize)" "$KEYS"
CHECK='expect "lines printed" "$(wc -l < "$WORK/dump.$RUN")" "$KEYS"; rm -f "$WORK/dump.$RUN"'
COUNT=$KEYS
A_NAME="redis dump -o json (with values)"
A_CMD='L -o json redis dump > "$WORK/dump.$RUN"'
B_NAME="redis-cli --scan (names only)"
B_CMD='redis-cli -p $REDIS --scan > "$WORK/dump.$RUN"'
# Runs take under a second, and redis-cli's time is bound by its 10,000 SCAN round trips, so
# it moves with the machine's scheduling from run to run: more pairs, for a stable median.
COMPARE_PAIRS=$((PAIRS > 9 ? PAIRS : 9))
compare "redis dump, $KEYS keys (defaults)"
unset COMPARE_PAIRS
redis-cli -p "$REDIS" flushall >/dev/null
