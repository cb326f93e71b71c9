# produce poll --once over a BACKLOG_ROWS-row backlog (10,000,000): rows/s of the first,
# middle and last tenth must be flat (a batch must not cost more as the backlog grows).
SQL -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null
L -q seed burst --rate max --count "$BACKLOG_ROWS" >/dev/null
SQL -c "VACUUM (ANALYZE) livedb" >/dev/null
new_topic backlog
/usr/bin/time -f '%e %M' -o "$WORK/backlog.time" bash -c 'KAFKA_TOPIC=backlog L -o json produce poll --once' |
  python3 -c '
import json, sys, time
for line in sys.stdin:
    r = json.loads(line)
    if r.get("type") == "batch":
        print(time.time(), r["published_total"], r["last_id"])' > "$WORK/backlog.batches"
expect "records on backlog" "$(on_topic backlog)" "$BACKLOG_ROWS"
read -r secs kib < "$WORK/backlog.time"
python3 - "$WORK/backlog.batches" "$BACKLOG_ROWS" "$secs" "$kib" <<'PY' | tee -a "$WORK/rows.md"
import sys
path, n, secs, kib = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
b = [tuple(map(float, l.split())) for l in open(path)]
def tenth(lo, hi):
    # Rate of the batches that end inside [lo, hi] of the backlog (at least the one that
    # covers its middle), from the time each batch's line arrived.
    segs = [(t1 - t0, p1 - p0, p1) for (t0, p0, _), (t1, p1, _) in zip(b, b[1:])]
    inside = [s for s in segs if lo * n < s[2] <= hi * n]
    if not inside:
        mid = (lo + hi) / 2 * n
        inside = [min(segs, key=lambda s: abs(s[2] - mid))]
    return sum(s[1] for s in inside) / max(sum(s[0] for s in inside), 1e-9)
first, mid, last = tenth(0.0, 0.1), tenth(0.45, 0.55), tenth(0.9, 1.0)
print(f"| produce poll, {n:,}-row backlog (defaults) | {secs:.0f} s, {n / secs:,.0f} rows/s, peak RSS {kib / 1024:.0f} MiB; rows/s of the first / middle / last tenth: {first:,.0f} / {mid:,.0f} / {last:,.0f} (last/first {last / first:.2f}) | {len(b)} batches | | |")
PY
SQL -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null
