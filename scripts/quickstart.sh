#!/usr/bin/env bash
# Quick start: install what is missing, build livedbctl, bring the local stack up
# (PostgreSQL, a Kafka broker, Redis, topics, schema), show its status, then run the demo:
# rows inserted = events published = events seen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --locked
./target/release/livedbctl infra up
./target/release/livedbctl infra status
./target/release/livedbctl demo --duration 30s
