#!/usr/bin/env bash
# Run the fuzz targets (all, or those named) for FUZZ_SECONDS each (default 600), at most
# FUZZ_JOBS at a time (default 2), and report executions and crashes per target.
#
#   fuzz/run.sh                      # every target, 10 minutes each
#   FUZZ_SECONDS=60 fuzz/run.sh offsets template
#
# cargo-fuzz needs nightly features: on a stable toolchain RUSTC_BOOTSTRAP=1 lets it build
# (as here, where no nightly can be fetched). Built optimised with debug assertions and
# overflow checks (-O -a), so an arithmetic overflow counts as a crash as it would in a
# debug build. A crash is left in fuzz/artifacts/TARGET/; keep it as a unit test over its
# bytes beside the parser, then fix the parser.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"
secs="${FUZZ_SECONDS:-600}"
jobs="${FUZZ_JOBS:-2}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo fuzz list); fi
cargo fuzz build -O -a
mkdir -p logs
run_one() {
  local t="$1"
  mkdir -p "corpus/$t"
  # The working corpus grows in corpus/ (not kept); seeds/ holds the starting inputs.
  cargo fuzz run -O -a "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"logs/$t.log" 2>&1 || true
}
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
printf '%-10s %12s %8s %s\n' target executions seconds crashes
for t in "${targets[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo '?')
  crashes=$(ls "artifacts/$t" 2>/dev/null | grep -c -E '^(crash|oom|timeout|leak)-' || true)
  printf '%-10s %12s %8s %s\n' "$t" "$runs" "$took" "$crashes"
done
