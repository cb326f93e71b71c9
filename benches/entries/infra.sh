# infra status (nothing running: < 200 ms; everything running: < 300 ms), --version
# (< 5 ms) and the dist binary's size (< 25 MB; the release profile's too, docs/benchmarks.md).
P1=$(free_port); P2=$(free_port); P3=$(free_port)
cat > "$WORK/down.yaml" <<YAML
postgres: {host: 127.0.0.1, port: $P1, dbname: livedb, user: livedb, password: x, sslmode: disable}
kafka: {brokers: "127.0.0.1:$P2"}
redis: {url: "redis://127.0.0.1:$P3"}
infra: {state_dir: $WORK/down-state}
YAML
expect "infra status, nothing running" "$("$BIN" --config "$WORK/down.yaml" -o json infra status | python3 -c 'import json,sys; print(sorted({s["state"] for s in json.load(sys.stdin)["services"]}))')" "['stopped']"
expect "infra status, all running" "$(L -o json infra status | python3 -c 'import json,sys; print(sorted({s["state"] for s in json.load(sys.stdin)["services"]}))')" "['running']"
single "infra status, nothing running (goal < 200 ms)" "$BIN --config $WORK/down.yaml infra status"
single "infra status, PostgreSQL, Kafka and Redis running (goal < 300 ms)" "$BIN --config $WORK/bench.yaml infra status"
single "livedbctl --version (goal < 5 ms)" "$BIN --version"
size=$(stat -c %s "$BIN")
row "release binary (goal < 25 MB) | $(python3 -c "print(f'{$size / 1e6:.1f} MB ({$size:,} bytes)')") | | |"
