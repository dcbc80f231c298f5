#!/usr/bin/env bash
# Installs the Fabric.js browser bundle that canvas templates render with (npm package fabric,
# dist/index.min.js) into .fabric/node_modules, once. The build copies it next to the renderer,
# which serves it to its pages by request interception: no page ever loads it from a CDN.
# Only the browser bundle is needed, so the Node-only optional dependencies (canvas, jsdom) are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
FABRIC_VERSION=7.4.0
PREFIX=.fabric
if grep -qs "\"version\": \"$FABRIC_VERSION\"" "$PREFIX/node_modules/fabric/package.json" \
   && [ -s "$PREFIX/node_modules/fabric/dist/index.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --save-exact --no-audit --no-fund --omit=optional --loglevel=error "fabric@$FABRIC_VERSION" \
  >"$PREFIX/install.log" 2>&1 || { tail -n 30 "$PREFIX/install.log" >&2; echo "installing fabric@$FABRIC_VERSION failed" >&2; exit 1; }
