#!/usr/bin/env bash
# The test command: install what is missing, then run every test against real servers
# (PostgreSQL, tansu, Redis) that the tests start on free ports and stop afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Apache Flink for the stream tests (fetched once into a cache; see scripts/flink.sh).
FLINK_HOME="$(bash scripts/flink.sh)"
export FLINK_HOME
# Kafka Connect with Debezium's PostgreSQL connector for the connector tests (fetched once
# into a cache; see scripts/connect.sh).
CONNECT_HOME="$(bash scripts/connect.sh)"
export CONNECT_HOME
export PATH="$HOME/.cargo/bin:$PATH"
cargo test --locked
