#!/usr/bin/env bash
# Refresh the dashboard's vendored front-end library (uPlot) from npm.
#
# `cargo build` never runs npm: the page's assets are committed under web/vendor/ and
# embedded into the binary with include_str!. Run this script only to change the version:
#
#   1. edit the version in web/package.json
#   2. scripts/vendor-web.sh            (updates web/package-lock.json and web/vendor/uplot/)
#   3. cargo test vendored              (checks that the recorded versions agree)
#   4. commit web/package.json, web/package-lock.json and web/vendor/
set -euo pipefail
cd "$(dirname "$0")/../web"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
[ -f package-lock.json ] && cp package-lock.json "$work/"
(
  cd "$work"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
)
cp "$work/package-lock.json" package-lock.json

pkg="$work/node_modules/uplot"
version=$(node -p "require('$pkg/package.json').version")
license=$(node -p "require('$pkg/package.json').license")
integrity=$(node -p "require('$work/package-lock.json').packages['node_modules/uplot'].integrity")

out=vendor/uplot
rm -rf "$out"
mkdir -p "$out"
cp "$pkg/dist/uPlot.iife.min.js" "$pkg/dist/uPlot.min.css" "$pkg/LICENSE" "$out/"
cat > "$out/VENDOR.json" <<JSON
{
  "name": "uplot",
  "version": "$version",
  "license": "$license",
  "integrity": "$integrity",
  "files": ["uPlot.iife.min.js", "uPlot.min.css", "LICENSE"],
  "refreshed_by": "scripts/vendor-web.sh"
}
JSON
echo "vendored uplot $version ($license) into web/$out"
