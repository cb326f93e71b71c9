# `stream eval` against real Apache Flink 2.3.0 through benches/stream_flink.sh (its own
# Flink cluster per run, started and stopped there; Flink's start-up reported apart): the
# job from `stream plan` with a filesystem source and sinks over ROWS events, alternated
# pairs, every result compared row for row; its full report goes to STREAM_FLINK_RESULTS
# (benches/RESULTS-stream-flink.md). Needs FLINK_HOME (`FLINK_HOME=$(scripts/flink.sh)`).
if [ -z "${FLINK_HOME:-}" ]; then
  note "stream_flink skipped: FLINK_HOME is not set (FLINK_HOME=\$(scripts/flink.sh) to run it)"
else
  BIN=$BIN FLINK_HOME=$FLINK_HOME SUMMARY_ROWS="$WORK/stream_flink.rows" \
    RESULTS="${STREAM_FLINK_RESULTS:-$ROOT/benches/RESULTS-stream-flink.md}" "$ROOT/benches/stream_flink.sh" "$ROWS" "$PAIRS" > /dev/null
  tee -a "$WORK/rows.md" < "$WORK/stream_flink.rows"
fi
