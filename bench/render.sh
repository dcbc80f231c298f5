#!/usr/bin/env bash
# Renderer benchmark: PosterGen's renderer vs a bare fast-capture CDP loop vs puppeteer-cluster
# (page and context modes), K = 1, 2, 4 pages, same Chromium, template and data, one run.
# Usage: bash bench/render.sh [posters=120] [pages=1,2,4] [soak renders=0]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-120}; PAGES=${2:-1,2,4}; SOAK=${3:-0}
bash scripts/install-chromium.sh
dotnet build -c Release -v q -nologo bench/Render >/dev/null
if [ ! -d bench/Render/node_modules/puppeteer-cluster ]; then
  (cd bench/Render && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --ignore-scripts --no-audit --no-fund --no-save puppeteer-core@25.16.0 puppeteer-cluster@0.25.0 >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet bench/Render/bin/Release/net10.0/PosterGen.Bench.Render.dll "$COUNT" "$PAGES" "$work/html" "$SOAK"
for k in ${PAGES//,/ }; do
  for mode in page context; do
    node bench/Render/cluster.js "$work/html" "$k" "$mode"
  done
done
