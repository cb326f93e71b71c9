# produce poll --once on a backlog of ROWS rows, at default flags, against the shell
# pipeline a user would write (psql COPY | kcat -P) and against the broker's ceiling (kcat -P
# of the same events from a file). Goals: >= 1.0x the pipeline, >= 0.9x the ceiling, peak
# RSS < 100 MB. Then a live trickle: p99 from insert to Kafka <= interval + 100 ms.
SQL -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null
L -q seed burst --rate max --count "$ROWS" >/dev/null
# Hint bits set once, before timing, so no contender pays them for the others.
SQL -c "VACUUM (ANALYZE) livedb" >/dev/null
SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" > "$WORK/events.tsv"
# One untimed drain first: on a new tansu one of the first million-record drains takes
# 2-2.5x as long whichever tool sends it (docs/benchmarks.md, "The first drain after a
# bulk load"), which would land on whichever side went first.
new_topic warmup
KAFKA_TOPIC=warmup L -q produce poll --once >/dev/null
PREP='new_topic t$RUN; SQL -c "UPDATE producer_offsets SET last_id = 0" >/dev/null'
CHECK='expect "records on t$RUN" "$(on_topic t$RUN)" "$ROWS"'
COUNT=$ROWS

A_NAME="produce poll --once"
A_CMD='KAFKA_TOPIC=t$RUN L -q produce poll --once >/dev/null'
B_NAME="psql COPY (SELECT json_build_object(...)) | kcat -P"
B_CMD='SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" | KP -t t$RUN'
export EVENT
compare "produce poll, $ROWS-row backlog, vs the shell pipeline (defaults)"

A_NAME="produce poll --once"
B_NAME="kcat -P < events file (the broker's ceiling)"
B_CMD='KP -t t$RUN -l "$WORK/events.tsv"'
compare "produce poll, $ROWS-row backlog, vs the broker's ceiling (defaults)"

# The same pipeline with the delivery settings produce poll keeps for its guarantee (one
# request in flight per connection, no client retries; SOP.md): what the guarantee costs.
A_NAME="produce poll --once"
B_NAME="psql COPY | kcat -P, one request in flight, no retries (produce poll's settings)"
B_CMD='SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" | KP -t t$RUN -X max.in.flight.requests.per.connection=1 -X retries=0 -X acks=all'
compare "produce poll, $ROWS-row backlog, vs the shell pipeline held to the same delivery settings (defaults)"

A_NAME="produce poll --once --batch-size 1000"
A_CMD='KAFKA_TOPIC=t$RUN L -q produce poll --once --batch-size 1000 >/dev/null'
B_NAME="psql COPY | kcat -P"
B_CMD='SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" | KP -t t$RUN'
compare "produce poll, $ROWS-row backlog, tuned: fixed batches of 1000 (the old default)"
rm -f "$WORK/events.tsv"

# A live trickle: 20 rows/s for 20 s while produce poll follows at its default interval.
new_topic live
SQL -c "UPDATE producer_offsets SET last_id = (SELECT coalesce(max(id), 0) FROM livedb)" >/dev/null
KAFKA_TOPIC=live "$BIN" --config "$WORK/bench.yaml" -q produce poll >/dev/null 2>&1 &
poller=$!
sleep 3
L -q seed burst --rows 1 --every 50ms --count 400 >/dev/null
sleep 3
kill -TERM "$poller"; wait "$poller" || true
expect "records on live" "$(on_topic live)" 400
K -C -t live -o beginning -e -q -f '%T %s\n' | python3 -c '
import json, sys, datetime
lat = []
for line in sys.stdin:
    ts, value = line.split(" ", 1)
    created = json.loads(value)["meta"]["created_at"]
    at = datetime.datetime.strptime(created, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    lat.append(int(ts) - at.timestamp() * 1000)
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))]
print(f"| produce poll following a trickle of 20 rows/s (defaults: --interval 1s) | insert to Kafka: p50 {p(0.5):.0f} ms, p99 {p(0.99):.0f} ms, max {lat[-1]:.0f} ms over {len(lat)} rows (goal p99 <= 1100 ms) | | | |")' | tee -a "$WORK/rows.md"
