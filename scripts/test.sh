#!/usr/bin/env bash
# Runs every test: unit, saga, browser, in-process HTTP and distributed tests. Installs what they
# need (Chromium, Fabric.js; PostgreSQL, RabbitMQ, s3rver and the Kafka mock through scripts/stack.sh),
# starts the servers, and stops them again. Results land in TestResults/*.trx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh
# Fabric.js for canvas templates; the build copies it next to the renderer.
bash scripts/install-fabric.sh
# The allow-listed image host test puts a public address on loopback with ip (iproute2).
if ! command -v ip >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null
fi

bash scripts/stack.sh up
trap 'bash scripts/stack.sh down' EXIT
# The distributed tests read the servers' settings from this file. They stay out of this shell's
# environment on purpose: exported, they would turn the in-process tests distributed too.
mkdir -p .stack
bash scripts/stack.sh env > .stack/stack.env
export POSTERGEN_STACK_ENV="$PWD/.stack/stack.env"

rm -rf TestResults
dotnet test PosterGen.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@"
