#!/usr/bin/env bash
# Embedded pipeline vs a bare Playwright loop, measured in one run on this machine.
# Usage: bash bench/pipeline.sh [posters=200] [pages=CPU count]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-200}; PAGES=${2:-$(nproc)}; PORT=${PORT:-18080}
bash scripts/install-chromium.sh
for project in Api bench/Pipeline; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done

work=$(mktemp -d)
ASPNETCORE_URLS=http://127.0.0.1:$PORT ConnectionStrings__Database="Data Source=$work/bench.db" \
  Storage__Local__Path="$work/posters" Render__Concurrency=$PAGES Logging__LogLevel__Default=Warning \
  dotnet Api/bin/Release/net10.0/PosterGen.Api.dll >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/health/ready >/dev/null && break; sleep 0.5; done

dotnet bench/Pipeline/bin/Release/net10.0/PosterGen.Bench.Pipeline.dll vs-bare "http://127.0.0.1:$PORT" "$COUNT" "$PAGES"
