#!/usr/bin/env bash
# Fetch Apache Flink once into a cache directory and print its FLINK_HOME.
#
# Flink is taken from the Python package registry: the `apache-flink` wheel carries bin/
# and conf/, `apache-flink-libraries` the jars; unpacked together, `pyflink/` is a Flink
# distribution. It contains no SQL Gateway jar and no Kafka or JDBC connector (the
# filesystem connector and the json format are there). Java 17 runs it; the JDK's javac
# and jar build livedbctl's SQL runner, so the JDK is installed when javac is missing.
#
#   scripts/flink.sh            # prints e.g. ~/.cache/livedbctl/flink-2.3.0/pyflink
#   FLINK_HOME=$(scripts/flink.sh)
#
# LIVEDB_CACHE_DIR (default $XDG_CACHE_HOME/livedbctl or ~/.cache/livedbctl) holds it;
# FLINK_VERSION picks another release.
set -euo pipefail

version="${FLINK_VERSION:-2.3.0}"
cache="${LIVEDB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/livedbctl}"
dest="$cache/flink-$version"

if ! command -v javac >/dev/null || ! command -v jar >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing openjdk-17-jdk-headless (javac, jar) for Flink and the SQL runner" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
fi

if [ ! -x "$dest/pyflink/bin/jobmanager.sh" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.flink-$version.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "fetching Apache Flink $version (about 330 MB, once) into $dest" >&2
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$work/wheels" \
    "apache-flink==$version" "apache-flink-libraries==$version" >&2
  mkdir -p "$work/flink"
  for wheel in "$work"/wheels/*.whl; do
    python3 -m zipfile -e "$wheel" "$work/flink"
  done
  # Zip archives drop the exec bits.
  chmod +x "$work/flink/pyflink/bin/"*
  rm -rf "$dest"
  mv "$work/flink" "$dest"
fi
echo "$dest/pyflink"
