# Helpers for benches/run.sh and its entries (benches/entries/NAME.sh). Sourced, not run.
#
# An entry sees the stack and these helpers:
#   $PG $KAFKA $REDIS    ports of the throw-away stack; $WORK a scratch directory; $OUT
#                        where timed readers write their output (/dev/shm if writable)
#   $ROWS $PAIRS $BIN    see run.sh
#   L ARGS...            livedbctl with the bench profile
#   SQL ARGS...          psql on the bench database (-AtX, stops on error)
#   K ARGS...            kcat on the bench broker
#   new_topic NAME [P]   create a topic with P (3) partitions
#   on_topic NAME [P]    records on a topic (sum of the end offsets of its P (3) partitions)
#   expect WHAT GOT WANT fail the run unless GOT = WANT
#   compare TITLE        time A against B, alternating, from these variables:
#       A_NAME A_CMD     livedbctl's side: a label and a shell command
#       B_NAME B_CMD     the reference a user would pick instead
#       PREP             untimed, before each run (optional)
#       CHECK            after each run; must succeed (verifies the output)
#       COUNT            records or rows one run handles (for the rate)
#       A_TIME           optional: a command printing the seconds to count for A instead
#                        of its wall time (a part of the run A reports itself)
#       COMPARE_PAIRS    optional: pairs for this comparison instead of PAIRS (named in
#                        the row's title)
#     Commands see $RUN (a number unique to each run) and $SIDE (A or B).
#     The row written: median wall and CPU of each side, the median of the per-pair
#     ratios (wall: B/A, above 1 = livedbctl faster; CPU: A/B) with their lowest and
#     highest, peak RSS.
#   single TITLE CMD     time one command with hyperfine (many short runs): its median
#   row TEXT...          a free-form table row (cells separated by |)
#   note TEXT            a line under the table
#
# Example entry (benches/entries/echo.sh):
#   A_NAME="livedbctl --version"; A_CMD='L --version >/dev/null'
#   B_NAME="true"; B_CMD='true'; PREP=; CHECK=true; COUNT=1
#   compare "version vs true (defaults)"

ROWS=${ROWS:-1000000}
PAIRS=${PAIRS:-3}
BACKLOG_ROWS=${BACKLOG_ROWS:-10000000}
# produce poll's event for a livedb row, as SQL: what the shell pipelines the producer
# benches compare it with send.
EVENT="json_build_object('id', id, 'payload', json_build_object('org', org, 'amount', amount::text, 'region', region), 'meta', json_build_object('source', 'kafka-producer', 'created_at', created_at))"
BIN=${BIN:-$ROOT/target/dist/livedbctl}
RESULTS=${RESULTS:-$ROOT/benches/RESULTS.md}
export PATH="$PATH:$HOME/.cargo/bin"
[ "$PAIRS" -ge 3 ] || { echo "PAIRS must be at least 3" >&2; exit 2; }
[ -x "$BIN" ] || { echo "no $BIN: cargo build --profile dist --locked first" >&2; exit 2; }
if [ -z "${KCAT:-}" ]; then
  for k in "$ROOT/../shared/tools/kcat" "$ROOT/../../shared/tools/kcat"; do
    [ -x "$k" ] && { KCAT=$k; break; }
  done
  KCAT=${KCAT:-kcat}
fi
for tool in psql hyperfine python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/livedbctl-bench.XXXXXX)
chmod 755 "$WORK"
# Where entries write what the timed readers print: memory when there is some to write to.
OUT=/dev/shm; [ -d "$OUT" ] && [ -w "$OUT" ] || OUT=$WORK
export OUT
RUN=0

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
L() { "$BIN" --config "$WORK/bench.yaml" "$@"; }
SQL() { PGPASSWORD=bench PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$PG" -U livedb -d livedb -AtX -v ON_ERROR_STOP=1 "$@"; }
K() { "$KCAT" -b "127.0.0.1:$KAFKA" -X log_level=3 "$@"; }
# kcat producing keyed lines (KEY<TAB>VALUE) with the partitioner Java clients and
# livedbctl use.
KP() { K -P -K $'\t' -X partitioner=murmur2_random "$@"; }

bench_start_stack() {
  PG=$(free_port); KAFKA=$(free_port); REDIS=$(free_port)
  cat > "$WORK/bench.yaml" <<EOF
postgres: {host: 127.0.0.1, port: $PG, dbname: livedb, user: livedb, password: bench, sslmode: disable}
kafka: {brokers: "127.0.0.1:$KAFKA", client_id: bench, topic: db_live_events}
redis: {url: "redis://127.0.0.1:$REDIS"}
topics: [{name: db_live_events, partitions: 3, replication_factor: 1}]
infra: {state_dir: $WORK/state, kafka_engine: tansu, start_timeout_secs: 120}
EOF
  trap 'stop_memory_brokers; L infra down --purge --yes >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  # The timed commands run in their own bash: they see the helpers and the stack.
  export -f L SQL K KP on_topic expect
  export WORK BIN KCAT PG KAFKA REDIS ROWS ROOT
  L -q infra up >/dev/null
  # Fail early when kcat cannot talk to the broker (an old librdkafka cannot talk to tansu).
  K -L >/dev/null 2>&1 || { echo "$KCAT cannot reach the broker; set KCAT to a kcat with a current librdkafka" >&2; exit 2; }
}

# benches/broker.sh: tansu's in-memory engine beside its sqlite one, to see past the sqlite
# engine's ceiling. It needs a tansu built with `dynostore`, kept apart from the one infra
# up uses:
#   cargo install tansu --version 0.6.0 --locked --features dynostore,libsql --root DIR
# TANSU_MEM is DIR/bin/tansu (default: ../tansu-mem/bin/tansu beside the repository).
# Benchmark stack only: what it holds is gone when it stops.
TANSU_MEM=${TANSU_MEM:-$ROOT/../tansu-mem/bin/tansu}
MEM_STORAGE=${MEM_STORAGE:-memory://tansu/}
MEM_PIDS=()
start_memory_broker() {
  local port=$1 url="tcp://127.0.0.1:$1" deadline=$((SECONDS + 60))
  [ -x "$TANSU_MEM" ] || { echo "no $TANSU_MEM: cargo install tansu --version 0.6.0 --locked --features dynostore,libsql --root DIR, then TANSU_MEM=DIR/bin/tansu" >&2; exit 2; }
  (cd "$WORK" && exec env -u ADVERTISED_LISTENER_URL -u LISTENER_URL -u STORAGE_ENGINE -u CLUSTER_ID \
    -u SCHEMA_REGISTRY -u OTEL_EXPORTER_OTLP_ENDPOINT "$TANSU_MEM" broker --listener-url "$url" \
    --advertised-listener-url "$url" --storage-engine "$MEM_STORAGE" > "$WORK/tansu-mem.$port.log" 2>&1) &
  MEM_PIDS+=($!)
  until KAFKA=$port K -L >/dev/null 2>&1; do
    if ! kill -0 "${MEM_PIDS[-1]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "the memory broker did not come up on $port:" >&2; cat "$WORK/tansu-mem.$port.log" >&2; exit 2
    fi
    sleep 0.2
  done
}
stop_memory_brokers() {
  local pid
  for pid in "${MEM_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  MEM_PIDS=()
}
# Peak RSS of a memory broker (MiB).
memory_broker_peak() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

new_topic() { L -q topic create "$1" -p "${2:-3}" >/dev/null; }

on_topic() {
  local args=() p
  for ((p = 0; p < ${2:-3}; p++)); do args+=(-t "$1:$p:-1"); done
  K -Q "${args[@]}" | python3 -c '
import re, sys
print(sum(int(m.group(1)) for m in re.finditer(r"offset (-?\d+)", sys.stdin.read())))'
}

expect() { [ "$2" = "$3" ] || { echo "CHECK FAILED: $1: got $2, expected $3" >&2; return 1; }; }

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# A new entry starts with nothing set by the one before.
section() {
  echo; echo "== $1 (load $(load_avg))"
  PREP=; CHECK=true; COUNT=0; A_TIME=
}

results_begin() {
  LOAD_START=$(load_avg)
  # The commit measured is the one checked out when the run starts.
  COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then COMMIT="$COMMIT (with uncommitted changes)"; fi
  : > "$WORK/rows.md"; : > "$WORK/notes.md"
  echo "# benchmark on $(nproc) cores, load $LOAD_START, $($BIN --version), tansu $(tansu --version 2>/dev/null | head -1 | awk '{print $NF}'), $(psql --version | awk '{print $3}')"
}

row() { echo "| $* |" >> "$WORK/rows.md"; }
note() { echo "$*" | tee -a "$WORK/notes.md"; }

# One timed run of CMD for SIDE: wall, CPU (user + sys of everything it ran), peak RSS.
timed_run() {
  local side=$1 cmd=$2
  RUN=$((RUN + 1))
  SIDE=$side
  export RUN SIDE
  [ -z "${PREP:-}" ] || eval "$PREP"
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" bash -c "$cmd" </dev/null
  eval "$CHECK"
  local wall user sys rss cpu
  read -r wall user sys rss < "$WORK/time"
  cpu=$(echo "$user + $sys" | bc)
  # A_TIME: A's time is a part of its run that the command itself reports.
  if [ "$side" = A ] && [ -n "${A_TIME:-}" ]; then wall=$(eval "$A_TIME"); cpu=nan; fi
  echo "$side $wall $cpu $rss" >> "$WORK/samples"
  printf '  %s run %-3s %8.2f s wall %8.2f s CPU %7.1f MiB\n' "$side" "$RUN" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
}

compare() {
  local title=$1 pair pairs=${COMPARE_PAIRS:-$PAIRS}
  [ "$pairs" = "$PAIRS" ] || title="$title, $pairs pairs"
  : > "$WORK/samples"
  echo "-- $title"
  echo "   A = $A_NAME"
  echo "   B = $B_NAME"
  for ((pair = 1; pair <= pairs; pair++)); do
    timed_run A "$A_CMD"
    timed_run B "$B_CMD"
  done
  python3 - "$WORK/samples" "$title" "$A_NAME" "$B_NAME" "${COUNT:-0}" >> "$WORK/rows.md" <<'PY'
import statistics as st, sys
path, title, a_name, b_name, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
runs = {"A": [], "B": []}
for line in open(path):
    side, wall, cpu, rss = line.split()
    runs[side].append((float(wall), float(cpu), int(rss)))
a, b = runs["A"], runs["B"]
import math
walls = [bw / aw for (aw, _, _), (bw, _, _) in zip(a, b)]
wall_ratio = st.median(walls)
cpus = [ac / bc for (_, ac, _), (_, bc, _) in zip(a, b) if bc > 0 and not math.isnan(ac)]
cpu_ratio = st.median(cpus) if cpus else float("nan")
spread = lambda rs: f" ({min(rs):.2f}–{max(rs):.2f})"
def side(rs):
    w = st.median(r[0] for r in rs); c = st.median(r[1] for r in rs); m = max(r[2] for r in rs) / 1024
    rate = f", {count / w:,.0f}/s" if count and w > 0 else ""
    cpu = "" if math.isnan(c) else f", CPU {c:.2f} s"
    return f"{w:.2f} s{rate} (spread {min(r[0] for r in rs):.2f}–{max(r[0] for r in rs):.2f}){cpu}, peak RSS {m:.0f} MiB"
cpu_cell = "" if math.isnan(cpu_ratio) else f"{cpu_ratio:.2f}×{spread(cpus)}"
cell = lambda text: text.replace("|", "\\|")
line = f"| {cell(title)} | `{cell(a_name)}`: {side(a)} | `{cell(b_name)}`: {side(b)} | **{wall_ratio:.2f}×**{spread(walls)} | {cpu_cell} |"
print(line)
sys.stderr.write(f"   => wall B/A {wall_ratio:.2f}x (above 1: livedbctl faster), CPU A/B {cpu_ratio:.2f}x\n")
PY
}

# single TITLE CMD: hyperfine's median over many runs (for commands of milliseconds).
single() {
  local title=$1 cmd=$2
  echo "-- $title"
  hyperfine -N --warmup 3 --runs "${SINGLE_RUNS:-30}" --export-json "$WORK/hf.json" "$cmd" >/dev/null 2>&1 ||
    hyperfine --warmup 3 --runs "${SINGLE_RUNS:-30}" --export-json "$WORK/hf.json" "$cmd" >/dev/null
  python3 - "$WORK/hf.json" "$title" >> "$WORK/rows.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda s: f"{s * 1000:.1f} ms"
print(f"| {sys.argv[2]} | median {ms(r['median'])} (min {ms(r['min'])}, max {ms(r['max'])}, {len(r['times'])} runs) | | | |")
sys.stderr.write(f"   => median {ms(r['median'])}\n")
PY
}

results_end() {
  local load_end
  load_end=$(load_avg)
  {
    echo "# Benchmark results"
    echo
    echo "Written by \`benches/run.sh\` — do not edit by hand; rerun it. $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT."
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(uname -sr);"
    echo "load average at start $LOAD_START, at end $load_end. $($BIN --version); tansu $(tansu --version 2>/dev/null | head -1 | awk '{print $NF}'); PostgreSQL $(psql --version | awk '{print $3}'); kcat $("$KCAT" -V 2>&1 | grep -o 'Version [^ ]*' | awk '{print $2}') with librdkafka $("$KCAT" -V 2>&1 | grep -o 'librdkafka [0-9][^ ]*' | awk '{print $2}')."
    echo
    echo "Each comparison alternates A and B ($PAIRS pairs); every run's output was checked (records on the topic, rows in the table)."
    echo "Times are medians; the ratios are the medians of the pair-by-pair ratios, their lowest and highest in brackets — wall: B's time / A's (above 1: livedbctl faster); CPU: A's / B's (below 1: livedbctl cheaper)."
    echo "Rows marked *(defaults)* run livedbctl with the flags a user gets; *tuned* rows are extra."
    echo
    echo "| comparison | A (livedbctl) | B (reference) | wall ratio B/A | CPU ratio A/B |"
    echo "|---|---|---|---|---|"
    cat "$WORK/rows.md"
    echo
    cat "$WORK/notes.md"
  } > "$RESULTS"
  echo "load average at end: $load_end"
}
