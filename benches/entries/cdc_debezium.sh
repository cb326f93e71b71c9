# The built-in CDC engine against real Debezium 3.6.3 on a Kafka Connect worker, through
# benches/cdc_debezium.py (its own stack and worker; the JVM's start-up is reported apart):
# changes/s, CPU per change (the whole worker JVM's), peak RSS, commit -> Kafka at a steady
# rate, both backlog shapes, alternated. Needs CONNECT_HOME (`CONNECT_HOME=$(scripts/connect.sh)`).
if [ -z "${CONNECT_HOME:-}" ]; then
  note "cdc_debezium skipped: CONNECT_HOME is not set (CONNECT_HOME=\$(scripts/connect.sh) to run it)"
else
  # shellcheck disable=SC2086  # CDC_DEBEZIUM_ARGS: extra options, split on purpose
  python3 "$ROOT/benches/cdc_debezium.py" --bin "$BIN" --connect-home "$CONNECT_HOME" --pairs "$PAIRS" \
    ${CDC_DEBEZIUM_ARGS:-} > "$WORK/cdc_debezium.json"
  python3 - "$WORK/cdc_debezium.json" <<'PY' | tee -a "$WORK/rows.md"
import json, sys
r = json.load(open(sys.argv[1]))
m, w = r["medians"], r["worker_start"]
shape = {"tx": "200,000 changes in 10,000-row transactions", "single": "20,000 single-row transactions"}
for k, title in shape.items():
    c, cpu, rss = m[k]["changes_per_s"], m[k]["cpu_us_per_change"], m[k]["peak_rss_mb"]
    print(f"| CDC engine vs Debezium 3.6.3 on Kafka Connect, {title} (defaults, snapshot.mode=no_data) "
          f"| {c['builtin']['median']:,.0f} changes/s, {cpu['builtin']['median']} µs CPU per change, peak RSS {rss['builtin']['median']} MiB "
          f"| {c['debezium']['median']:,.0f} changes/s, {cpu['debezium']['median']} µs CPU per change (the worker JVM), RSS peak {rss['debezium']['median']} MiB "
          f"| **{c['builtin']['median'] / c['debezium']['median']:.1f}×** | {cpu['builtin']['median'] / cpu['debezium']['median']:.3f}× |")
l = m["latency"]
print(f"| CDC engine vs Debezium, commit → Kafka at 1,000 changes/s (defaults) | p50 {l['p50_ms']['builtin']['median']} ms, p99 {l['p99_ms']['builtin']['median']} ms "
      f"| p50 {l['p50_ms']['debezium']['median']} ms, p99 {l['p99_ms']['debezium']['median']} ms | | |")
print(f"| Kafka Connect worker start-up (not counted above) | | {w['seconds_to_rest_api']} s to its REST API, {w['cpu_s']} s CPU, {w['rss_mb_after_start']} MiB RSS | | |")
PY
fi
