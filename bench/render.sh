#!/usr/bin/env bash
# Renderer benchmark: PosterGen's renderer vs a bare fast-capture CDP loop vs puppeteer-cluster
# (page and context modes), K = 1, 2, 4 pages, same Chromium, template and data, one run; then
# png_compression small vs a bare loop with Chromium's default PNG encoding at K = compression pages.
# Usage: bash bench/render.sh [posters=120] [pages=1,2,4] [soak renders=0] [compression pages=2]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-120}; PAGES=${2:-1,2,4}; SOAK=${3:-0}; COMPRESSION_PAGES=${4:-2}
bash scripts/install-chromium.sh
dotnet build -c Release -v q -nologo bench/Render >/dev/null
if [ ! -d bench/Render/node_modules/puppeteer-cluster ]; then
  (cd bench/Render && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --ignore-scripts --no-audit --no-fund --no-save puppeteer-core@25.16.0 puppeteer-cluster@0.25.0 >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench=bench/Render/bin/Release/net10.0/PosterGen.Bench.Render.dll
echo "posters: $COUNT of shared/fixtures/poster-1080.html (1080x1080 PNG), cores: $(nproc)" | tee "$work/out"
# Each K measured on all sides back to back, so that a change in the machine's load between
# minutes falls on one K, not on one side.
for k in ${PAGES//,/ }; do
  dotnet "$bench" "$COUNT" "$work/html" throughput "$k" | tee -a "$work/out"
  for mode in page context; do
    node bench/Render/cluster.js "$work/html" "$k" "$mode" | tee -a "$work/out"
  done
done
dotnet "$bench" "$COUNT" "$work/html" compression "$COMPRESSION_PAGES" | tee -a "$work/out"
dotnet "$bench" "$COUNT" "$work/html" latency "$SOAK" | tee -a "$work/out"

# Ratios of the renderer's posters/s to each baseline at the same K, and of latency p50.
echo "ratios (same run):"
awk '
  { gsub(/:/, "") }
  /^PosterGen renderer/ { split($3, p, "="); ours[p[2]] = $(NF-4) }
  /^bare fast-capture/  { split($3, p, "="); split($4, b, "="); bare[p[2], b[2]] = $(NF-4); if (b[2] > browsers[p[2]]) browsers[p[2]] = b[2] }
  /^puppeteer-cluster/  { split($3, p, "="); cluster[p[2], $2] = $(NF-4) }
  /^PosterGen small/    { split($5, p, "="); smallRate = $(NF-4); smallKiB = $(NF-2); smallBrowsers = p[2] }
  /^bare default PNG/   { split($5, b, "="); defaultRate[b[2]] = $(NF-4); defaultKiB[b[2]] = $(NF-2) }
  /^latency PosterGen/  { oursP50 = $5 }
  /^latency bare/       { bareP50 = $5 }
  END {
    for (k in ours) {
      line = sprintf("  K=%s: %.2fx bare (1 browser)", k, ours[k] / bare[k, 1])
      if (browsers[k] > 1) line = line sprintf(", %.2fx bare (%s browsers)", ours[k] / bare[k, browsers[k]], browsers[k])
      if ((k, "page") in cluster) line = line sprintf(", %.2fx puppeteer-cluster page, %.2fx context", ours[k] / cluster[k, "page"], ours[k] / cluster[k, "context"])
      print line
    }
    if (bareP50 > 0) printf "  latency p50: %.2fx bare\n", oursP50 / bareP50
    if (smallRate > 0) {
      printf "  png_compression small: %.2fx the bytes of Chromium default PNG, %.2fx its posters/s (1 browser)", smallKiB / defaultKiB[1], smallRate / defaultRate[1]
      if (smallBrowsers > 1) printf ", %.2fx (%s browsers)", smallRate / defaultRate[smallBrowsers], smallBrowsers
      printf "\n"
    }
  }' "$work/out"
