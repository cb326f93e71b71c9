#!/usr/bin/env bash
# Install what livedbctl and its tests need on Debian/Ubuntu, skipping what is present:
# PostgreSQL server programs, Redis, librdkafka's and jemalloc's build dependencies, kafka-python (the
# independent Kafka client of the tests) and tansu (a Kafka-protocol broker).
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v psql >/dev/null || need+=(postgresql-client)
command -v cmake >/dev/null || need+=(cmake)
# jemalloc (the allocator, built by tikv-jemalloc-sys) builds with configure and make.
command -v make >/dev/null || need+=(make)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v python3 >/dev/null || need+=(python3 python3-pip)
dpkg -s libssl-dev >/dev/null 2>&1 || need+=(libssl-dev)
dpkg -s libsasl2-dev >/dev/null 2>&1 || need+=(libsasl2-dev)
pg_missing=0
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || pg_missing=1

if [ ${#need[@]} -gt 0 ] || [ $pg_missing -eq 1 ]; then
  $SUDO apt-get update -qq
fi
if [ $pg_missing -eq 1 ]; then
  # livedbctl runs its own PostgreSQL; keep Debian from creating (and starting) a
  # cluster of its own on port 5432.
  $SUDO apt-get install -y -qq postgresql-common >/dev/null
  $SUDO sed -i 's/^#\?\s*create_main_cluster.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
  need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

python3 -c 'import kafka' 2>/dev/null || python3 -m pip install -q kafka-python
# kafka-python checks each record batch's CRC-32C in pure Python unless this C extension is
# there: with it, reading 50,000 records took 0.8 s of CPU instead of 1.1 s (cProfile).
python3 -c 'import crc32c' 2>/dev/null || python3 -m pip install -q crc32c

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tansu >/dev/null && ! command -v kafka-server-start.sh >/dev/null && ! command -v rpk >/dev/null && [ -z "${KAFKA_HOME:-}" ]; then
  echo "building tansu, a Kafka-protocol broker (once; 10-15 minutes)"
  cargo install tansu --locked --features libsql
fi

# --- Dashboard tests (tests/suite/dashboard.rs) --------------------------------------------
# The page is checked in Debian's headless Chromium, driven by playwright-core from npm
# (never a browser download: playwright-core only speaks to the installed one); /metrics
# is parsed by the Prometheus project's Python client; `top` runs under tmux.
dash_need=()
[ -x /usr/bin/chromium ] || dash_need+=(chromium)
[ -x /usr/bin/chromedriver ] || dash_need+=(chromium-driver)
command -v node >/dev/null || dash_need+=(nodejs)
command -v npm >/dev/null || dash_need+=(npm)
command -v tmux >/dev/null || dash_need+=(tmux)
if [ ${#dash_need[@]} -gt 0 ]; then
  echo "installing for the dashboard tests: ${dash_need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${dash_need[@]}" >/dev/null
fi
python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install -q prometheus-client
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$here/tests/browser/node_modules/playwright-core" ]; then
  (cd "$here/tests/browser" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# --- PostgreSQL TLS tests (tests/suite/pg_tls.rs) ---------------------------------------------
# The JDBC URL `stream plan` writes for Flink is checked by pgjdbc itself (Debian's package,
# run by `java` with tests/support/JdbcCheck.java), against the TLS server of the tests.
jdbc_need=()
[ -f /usr/share/java/postgresql.jar ] || jdbc_need+=(libpostgresql-jdbc-java)
command -v java >/dev/null || jdbc_need+=(default-jre-headless)
if [ ${#jdbc_need[@]} -gt 0 ]; then
  echo "installing for the TLS tests: ${jdbc_need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${jdbc_need[@]}" >/dev/null
fi
