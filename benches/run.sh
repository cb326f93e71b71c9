#!/usr/bin/env bash
# The one entry point for livedbctl's benchmarks.
#
#   cargo build --profile dist --locked && benches/run.sh [ENTRY...]
#
# Starts a throw-away stack (PostgreSQL, tansu, Redis on free ports, through
# `livedbctl infra up` with a temporary profile), runs each entry's comparisons
# alternating A B A B (PAIRS pairs, at least 3), checks every run's output (the topic holds
# exactly N records, the table N rows), prints medians and ratios, and writes
# benches/RESULTS.md with the date, commit, machine and load average at start and end.
#
# An entry is a file benches/entries/NAME.sh, sourced with the helpers of benches/lib.sh
# and the stack's variables; without arguments every entry runs, in name order. Adding a
# benchmark is adding one such file (see benches/lib.sh for the helpers and an example).
#
# Environment: ROWS (1000000: rows/records of the main comparisons), PAIRS (3),
# BACKLOG_ROWS (10000000: the producer's flatness run), BIN (target/dist/livedbctl),
# KCAT (../shared/tools/kcat if present, else kcat on PATH; it needs a librdkafka new
# enough for the broker), RESULTS (benches/RESULTS.md).
set -euo pipefail
BENCHES=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCHES/.." && pwd)
# shellcheck source=benches/lib.sh
source "$BENCHES/lib.sh"

entries=("$@")
if [ ${#entries[@]} -eq 0 ]; then
  for f in "$BENCHES"/entries/*.sh; do entries+=("$(basename "$f" .sh)"); done
fi
for e in "${entries[@]}"; do
  [ -f "$BENCHES/entries/$e.sh" ] || { echo "no benchmark entry benches/entries/$e.sh" >&2; exit 2; }
done

bench_start_stack
results_begin
for e in "${entries[@]}"; do
  section "$e"
  # shellcheck disable=SC1090
  source "$BENCHES/entries/$e.sh"
done
results_end
echo
echo "results written to ${RESULTS#"$ROOT"/}"
