# The built-in CDC engine through benches/cdc_kcat.py (its own stack, so it runs on any
# reader behind `connector start`): changes/s, CPU per change, latency at a steady rate,
# and the broker's ceiling (kcat -P of the same events: as it comes, held to one request in
# flight, and as it comes while PostgreSQL streams as many changes to pg_recvlogical, the
# load CDC's source puts beside the broker), alternated with the engine: at least 7 pairs,
# as one 4-second drain's ratio to kcat spread 0.75-1.13 over the pairs of one run (a goal
# of 0.95x needs more than 3). Each run's broker CPU / wall says how busy it kept tansu.
# shellcheck disable=SC2086  # CDC_ARGS: extra options for cdc_kcat.py, split on purpose
python3 "$ROOT/benches/cdc_kcat.py" --bin "$BIN" --kcat "$KCAT" --pairs "$((PAIRS > 7 ? PAIRS : 7))" ${CDC_ARGS:-} > "$WORK/cdc.json"
python3 - "$WORK/cdc.json" <<'PY' | tee -a "$WORK/rows.md"
import json, sys
r = json.load(open(sys.argv[1]))
c = r["ceiling"]
lo, hi = c["wall_ratio_spread"]
print(f"| CDC engine vs the broker's ceiling, {c['pairs'][0]['changes']:,} changes in 10,000-row transactions (defaults), {len(c['pairs'])} pairs | `connector start --until-idle`: {c['engine_wall_s']:.2f} s, {c['engine_cpu_us_per_change']} µs CPU per change | `kcat -P` of the same events: {c['kcat_wall_s']:.2f} s, {c['kcat_cpu_us_per_change']} µs CPU per record | **{c['wall_ratio_kcat_over_engine']:.2f}×** ({lo:.2f}–{hi:.2f}) | {c['engine_cpu_us_per_change'] / c['kcat_cpu_us_per_change']:.2f}× |")
lo, hi = c["wall_ratio1_spread"]
print(f"| CDC engine vs kcat held to its ordering, the same pairs (defaults) | `connector start --until-idle`: {c['engine_wall_s']:.2f} s | `kcat -P -X max.in.flight=1` (one request in flight, as the engine and Kafka Connect's source producers keep): {c['kcat1_wall_s']:.2f} s, {c['kcat1_cpu_us_per_change']} µs CPU per record | **{c['wall_ratio_kcat1_over_engine']:.2f}×** ({lo:.2f}–{hi:.2f}) | {c['engine_cpu_us_per_change'] / c['kcat1_cpu_us_per_change']:.2f}× |")
lo, hi = c["wall_ratiopg_spread"]
print(f"| CDC engine vs kcat beside its source, the same pairs (defaults) | `connector start --until-idle`: {c['engine_wall_s']:.2f} s | `kcat -P` as it comes while PostgreSQL decodes and streams {c['pairs'][0]['changes']:,} changes of a twin table to `pg_recvlogical` (the load the engine's source adds to this 2-core machine): {c['kcatpg_wall_s']:.2f} s | **{c['wall_ratio_kcatpg_over_engine']:.2f}×** ({lo:.2f}–{hi:.2f}) | |")
bb = c["broker_busy"]
print(f"| The broker's CPU / wall over those runs (how busy each writer kept tansu; medians) | engine {bb['engine']:.2f} | `kcat -P` {bb['kcat']:.2f}, held to one in flight {bb['kcat1']:.2f}, beside PostgreSQL's streaming {bb['kcatpg']:.2f} | | |")
s, b, l = r["single_row_tx"], r["batched_10k_per_tx"], r["latency"]
print(f"| CDC engine, single-row transactions (defaults) | {s['changes']:,} changes, {s['changes_per_s']:,}/s, {s['cpu_us_per_change']} µs CPU per change | | | |")
print(f"| CDC engine, 10,000-row transactions (defaults) | {b['changes']:,} changes, {b['changes_per_s']:,}/s, {b['cpu_us_per_change']} µs CPU per change, peak RSS {r['engine_peak_rss_mb']} MiB | | | |")
print(f"| CDC engine latency at {l['target_rate']} rows/s (defaults) | commit to Kafka: p50 {l['p50_ms']} ms, p99 {l['p99_ms']} ms | | | |")
PY
