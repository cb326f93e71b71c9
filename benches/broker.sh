#!/usr/bin/env bash
# Past tansu's ceiling: the same work on tansu's memory engine and on its sqlite engine (the
# one `livedbctl infra up` starts and every other benchmark runs on), then livedbctl against
# kcat on the memory engine, where the broker is no longer what everyone waits on.
#
#   cargo install tansu --version 0.6.0 --locked --features dynostore,libsql --root DIR
#   TANSU_MEM=DIR/bin/tansu benches/broker.sh
#
# Parts (PARTS, default all, in this order):
#   ceiling  kcat -P of ROWS keyed events from a file, and kcat -C -e of them: memory
#            engine (A) against sqlite engine (B)
#   tail     consume tail -n ROWS (-f template; -o json) against kcat -C -c ROWS (-f; -J),
#            memory engine (not -e: livedbctl stops at the end ListOffsets gives, wrong there)
#   send     produce send --key-field id against kcat -P -K of the same events, memory engine
#   poll     produce poll --once of a ROWS-row backlog against psql COPY | kcat -P and against
#            kcat -P of the same events from a file, memory engine
# Alternated A B (PAIRS pairs, at least 3), every run's output checked (records on the
# topic, lines read). Writes benches/RESULTS-broker.md (RESULTS). Other settings as
# benches/run.sh: ROWS, PAIRS, BIN, KCAT.
set -euo pipefail
BENCHES=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCHES/.." && pwd)
RESULTS=${RESULTS:-$ROOT/benches/RESULTS-broker.md}
# shellcheck source=benches/lib.sh
source "$BENCHES/lib.sh"
PARTS=${PARTS:-ceiling tail send poll}

bench_start_stack
SQLK=$KAFKA
MEMK=$(free_port)
start_memory_broker "$MEMK"
MEM_PID=${MEM_PIDS[-1]}
sed "s/127.0.0.1:$SQLK/127.0.0.1:$MEMK/" "$WORK/bench.yaml" > "$WORK/mem.yaml"
# livedbctl, kcat and a topic's record count on the memory broker.
LM() { "$BIN" --config "$WORK/mem.yaml" "$@"; }
KM() { KAFKA=$MEMK K "$@"; }
KPM() { KAFKA=$MEMK KP "$@"; }
# tansu 0.6.0's memory engine answers ListOffsets(latest) with the last batch's base offset
# + 1, not the partition's end (3 for 2,000 records in 3 partitions): records on a topic
# there are counted by reading them all, untimed.
count_mem() { KM -C -t "$1" -o beginning -e -q -f '.\n' | wc -l; }
export -f LM KM KPM count_mem
export SQLK MEMK
results_begin
: > "$WORK/runs.md"

# compare, then keep each run and each side's CPU per record.
measure() {
  compare "$1"
  python3 - "$WORK/samples" "$1" "$COUNT" >> "$WORK/runs.md" <<'PY'
import sys
path, title, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i, line in enumerate(open(path), 1):
    side, wall, cpu, rss = line.split()
    per = f"{float(cpu) / count * 1e6:.2f} µs" if count else ""
    print(f"| {title} | {(i + 1) // 2} | {side} | {float(wall):.2f} | {float(cpu):.2f} | {per} | {int(rss) / 1024:.0f} |")
PY
  python3 - "$WORK/samples" "$1" "$COUNT" <<'PY' | tee -a "$WORK/notes.md"
import statistics as st, sys
path, title, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
cpu = {"A": [], "B": []}
for line in open(path):
    side, wall, c, rss = line.split()
    cpu[side].append(float(c))
us = lambda s: f"{st.median(cpu[s]) / count * 1e6:.2f} µs (spread {min(cpu[s]) / count * 1e6:.2f}–{max(cpu[s]) / count * 1e6:.2f})"
print(f"- {title}: CPU per record A {us('A')}, B {us('B')}")
PY
}

# ROWS events of the producer's shape, keyed by id (KEY<TAB>VALUE), as benches/entries/tail.sh.
python3 - "$ROWS" > "$WORK/events.tsv" <<'PY'
import sys
orgs = ["Acme Corporation", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries"]
out = sys.stdout
for i in range(1, int(sys.argv[1]) + 1):
    out.write(f'{i}\t{{"id":{i},"payload":{{"org":"{orgs[i % 6]}","amount":"{i % 9000}.{i % 100:02d}","region":"us-east"}},"meta":{{"source":"kafka-producer","created_at":"2026-11-22T04:21:40.{i % 1000000:06d}Z"}}}}\n')
PY
cut -f2- "$WORK/events.tsv" > "$WORK/events.jsonl"
# The topic every reader reads, on both brokers.
new_topic src
KP -t src -l "$WORK/events.tsv"
expect "records on src (sqlite)" "$(on_topic src)" "$ROWS"
LM -q topic create src -p 3 >/dev/null
KPM -t src -l "$WORK/events.tsv"
expect "records on src (memory)" "$(count_mem src)" "$ROWS"

for part in $PARTS; do
  section "$part"
  case $part in
    ceiling)
      PREP='if [ "$SIDE" = A ]; then LM -q topic create p$RUN -p 3 >/dev/null; else new_topic p$RUN; fi'
      CHECK='if [ "$SIDE" = A ]; then n=$(count_mem p$RUN); else n=$(on_topic p$RUN); fi; expect "records on p$RUN" "$n" "$ROWS"'
      COUNT=$ROWS
      A_NAME="kcat -P -K of the events file, memory engine"
      A_CMD='KPM -t p$RUN -l "$WORK/events.tsv"'
      B_NAME="kcat -P -K of the events file, sqlite engine"
      B_CMD='KP -t p$RUN -l "$WORK/events.tsv"'
      measure "ceiling: write $ROWS keyed records"
      PREP=
      CHECK='expect "lines read" "$(wc -l < "$OUT/c.$RUN")" "$ROWS"; rm -f "$OUT/c.$RUN"'
      A_NAME="kcat -C -o beginning -e, memory engine"
      A_CMD='KM -C -t src -o beginning -e -q > "$OUT/c.$RUN"'
      B_NAME="kcat -C -o beginning -e, sqlite engine"
      B_CMD='K -C -t src -o beginning -e -q > "$OUT/c.$RUN"'
      measure "ceiling: read $ROWS records to the end"
      ;;
    tail)
      CHECK='expect "lines printed" "$(wc -l < "$OUT/c.$RUN")" "$ROWS"; rm -f "$OUT/c.$RUN"'
      COUNT=$ROWS
      A_NAME="consume tail src --from start -n $ROWS -f '%p %o %k %v\\n'"
      A_CMD='LM consume tail src --from start -n $ROWS -f "%p %o %k %v\n" > "$OUT/c.$RUN"'
      B_NAME="kcat -C -t src -o beginning -c $ROWS -f '%p %o %k %s\\n'"
      B_CMD='KM -C -t src -o beginning -c $ROWS -q -f "%p %o %k %s\n" > "$OUT/c.$RUN"'
      measure "memory engine: consume tail -f vs kcat -f, $ROWS records (defaults)"
      A_NAME="consume tail src --from start -n $ROWS -o json"
      A_CMD='LM -o json consume tail src --from start -n $ROWS > "$OUT/c.$RUN"'
      B_NAME="kcat -C -t src -o beginning -c $ROWS -J"
      B_CMD='KM -C -t src -o beginning -c $ROWS -q -J > "$OUT/c.$RUN"'
      measure "memory engine: consume tail -o json vs kcat -J, $ROWS records (defaults)"
      ;;
    send)
      PREP='LM -q topic create s$RUN -p 3 >/dev/null'
      CHECK='expect "records on s$RUN" "$(count_mem s$RUN)" "$ROWS"'
      COUNT=$ROWS
      A_NAME="produce send --key-field id < events.jsonl"
      A_CMD='LM -q produce send s$RUN --key-field id < "$WORK/events.jsonl" > /dev/null'
      B_NAME="kcat -P -K of the same keyed events"
      B_CMD='KPM -t s$RUN -l "$WORK/events.tsv"'
      measure "memory engine: produce send vs kcat -P -K, $ROWS records (defaults)"
      ;;
    poll)
      SQL -c "TRUNCATE livedb RESTART IDENTITY; UPDATE producer_offsets SET last_id = 0" >/dev/null
      L -q seed burst --rate max --count "$ROWS" >/dev/null
      SQL -c "VACUUM (ANALYZE) livedb" >/dev/null
      export EVENT
      SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" > "$WORK/pg.tsv"
      LM -q topic create warmup -p 3 >/dev/null
      KAFKA_TOPIC=warmup LM -q produce poll --once >/dev/null
      PREP='LM -q topic create t$RUN -p 3 >/dev/null; SQL -c "UPDATE producer_offsets SET last_id = 0" >/dev/null'
      CHECK='expect "records on t$RUN" "$(count_mem t$RUN)" "$ROWS"'
      COUNT=$ROWS
      A_NAME="produce poll --once"
      A_CMD='KAFKA_TOPIC=t$RUN LM -q produce poll --once >/dev/null'
      B_NAME="psql COPY (SELECT json_build_object(...)) | kcat -P"
      B_CMD='SQL -c "COPY (SELECT id, $EVENT FROM livedb ORDER BY id) TO STDOUT" | KPM -t t$RUN'
      measure "memory engine: produce poll, $ROWS-row backlog, vs the shell pipeline (defaults)"
      B_NAME="kcat -P -K < the same events from a file"
      B_CMD='KPM -t t$RUN -l "$WORK/pg.tsv"'
      measure "memory engine: produce poll, $ROWS-row backlog, vs kcat -P of its events (defaults)"
      rm -f "$WORK/pg.tsv"
      ;;
    *) echo "no part $part (ceiling tail send poll)" >&2; exit 2 ;;
  esac
done

note "- the memory broker's peak RSS over the whole run: $(memory_broker_peak "$MEM_PID") MiB (it keeps every record it was sent)"
load_end=$(load_avg)
{
  echo "# Past tansu's ceiling: its memory engine against its sqlite engine"
  echo
  echo "Written by \`benches/broker.sh\` — do not edit by hand; rerun it. $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(uname -sr);"
  echo "load average at start $LOAD_START, at end $load_end. $($BIN --version); tansu $("$TANSU_MEM" --version 2>/dev/null | head -1 | awk '{print $NF}') (memory engine: built with \`dynostore\`; sqlite engine: as \`infra up\` starts it); PostgreSQL $(psql --version | awk '{print $3}'); kcat $("$KCAT" -V 2>&1 | grep -o 'Version [^ ]*' | awk '{print $2}') with librdkafka $("$KCAT" -V 2>&1 | grep -o 'librdkafka [0-9][^ ]*' | awk '{print $2}')."
  echo
  echo "Each comparison alternates A and B ($PAIRS pairs); every run's output was checked (records on the topic, lines read)."
  echo "Times are medians; the ratios are the medians of the pair-by-pair ratios — wall: B's time / A's (above 1: A faster); CPU: A's / B's (below 1: A cheaper)."
  echo "Wall, CPU (user + sys of every process the command ran) and peak RSS are \`/usr/bin/time\`'s. The brokers' own CPU is not counted."
  echo
  echo "| comparison | A | B | wall ratio B/A | CPU ratio A/B |"
  echo "|---|---|---|---|---|"
  cat "$WORK/rows.md"
  echo
  cat "$WORK/notes.md"
  echo
  echo "Every run:"
  echo
  echo "| comparison | pair | side | wall s | CPU s | CPU per record | peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|"
  cat "$WORK/runs.md"
} > "$RESULTS"
echo "load average at end: $load_end"
echo "results written to ${RESULTS#"$ROOT"/}"
