#!/usr/bin/env bash
# Runs PosterGen in its embedded default: SQLite under ./data, in-memory bus, the render queue in
# the database (a restart resumes it), posters in ./data/posters, system Chromium. Listens on
# http://127.0.0.1:8080 unless ASPNETCORE_URLS says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh
# Fabric.js for canvas templates; the build copies it next to the renderer.
bash scripts/install-fabric.sh
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:8080}"
exec dotnet run --project Api -c Release -- "$@"
