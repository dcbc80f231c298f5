#!/usr/bin/env bash
# Runs every test: unit, saga, browser and integration tests. Installs what they need (Chromium;
# PostgreSQL, RabbitMQ and s3rver through scripts/stack.sh when present), starts the servers and
# stops them again. Results land in TestResults/*.trx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh

if [ -x scripts/stack.sh ]; then
  bash scripts/stack.sh up
  trap 'bash scripts/stack.sh down' EXIT
  eval "$(bash scripts/stack.sh env | sed 's/^/export /')"
  export POSTERGEN_STACK=1
fi

rm -rf TestResults
dotnet test PosterGen.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@"
