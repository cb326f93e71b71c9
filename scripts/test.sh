#!/usr/bin/env bash
# The test command: install what is missing, then run every test against real servers
# (PostgreSQL, tansu, Redis) that the tests start on free ports and stop afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo test --locked
