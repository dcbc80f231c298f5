#!/usr/bin/env bash
# Saga bookkeeping on real PostgreSQL and RabbitMQ, without rendering, beside the transport alone.
# Usage: bash bench/saga.sh [jobs=20] [items=1000]
# Prints two measurements: outcomes published while the saga runs (live), and outcomes queued while
# it is stopped and then drained (its capacity alone), each beside RabbitMQ with a no-op consumer.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-20}; ITEMS=${2:-1000}; PORT=${PORT:-18090}

bash scripts/stack.sh up >/dev/null
eval "$(bash scripts/stack.sh env | sed 's/^/export /')"
for project in Api bench/Saga; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done

name="bench_saga_$(date +%s)"
bash scripts/stack.sh psql -qc "CREATE DATABASE $name" >/dev/null
bash scripts/stack.sh vhost "$name"
export ConnectionStrings__Database="Host=127.0.0.1;Port=55432;Database=$name;Username=postgres"
export ConnectionStrings__RabbitMq="amqp://guest:guest@127.0.0.1:5673/$name"
export Kafka__Topic="poster.render.$name" Logging__LogLevel__Default=Warning
# No items exist, so nothing reaches the render queue; the saga alone is measured.
export RenderQueue__Transport=database
api=Api/bin/Release/net10.0/PosterGen.Api.dll
dotnet "$api" migrate >/dev/null

work=$(mktemp -d)
saga=
start_saga() {
  PosterGen__Roles=saga ASPNETCORE_URLS=http://127.0.0.1:$PORT dotnet "$api" >>"$work/saga.log" 2>&1 &
  saga=$!
}
wait_ready() { for _ in $(seq 1 240); do curl -sf http://127.0.0.1:$PORT/health/ready >/dev/null && return; sleep 0.5; done; cat "$work/saga.log" >&2; exit 1; }
trap 'kill $saga 2>/dev/null; wait $saga 2>/dev/null; rm -rf "$work"' EXIT
bench() { dotnet bench/Saga/bin/Release/net10.0/PosterGen.Bench.Saga.dll "$1" "$ConnectionStrings__RabbitMq" "$ConnectionStrings__Database" "$JOBS" "$ITEMS" "${@:2}"; }

start_saga; wait_ready
bench live
# The saga's capacity, apart from how fast publishers can go: outcomes queue up while it is
# stopped, then it drains them.
bench prepare
kill -TERM $saga; wait $saga || true
bench publish
start_saga
bench drain "http://127.0.0.1:$PORT"
