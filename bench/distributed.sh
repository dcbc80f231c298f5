#!/usr/bin/env bash
# The same posters end to end, embedded (one process: SQLite, in-memory bus, in-process queue,
# local folder) and distributed (api, saga and render processes over PostgreSQL, RabbitMQ, Kafka
# and S3 on the local stack), measured one after the other in one run. The renderers get the same
# pages in total, so the difference is the distributed overhead.
# Usage: bash bench/distributed.sh [posters=1000] [pages=CPU count] [render processes=1]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}; PAGES=${2:-$(nproc)}; RENDERERS=${3:-1}; PORT=${PORT:-18100}

bash scripts/install-chromium.sh
bash scripts/stack.sh up >/dev/null
for project in Api bench/Pipeline; do dotnet build -c Release -v q -nologo "$project" >/dev/null; done
api=Api/bin/Release/net10.0/PosterGen.Api.dll
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

wait_ready() {
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return; sleep 0.5; done
  echo "server on port $1 did not become ready; logs in $work" >&2; exit 1
}

# Embedded: the default configuration, nothing from the stack.
ASPNETCORE_URLS=http://127.0.0.1:$PORT ConnectionStrings__Database="Data Source=$work/embedded.db" \
  Storage__Local__Path="$work/posters" Render__Concurrency=$PAGES Logging__LogLevel__Default=Warning \
  dotnet "$api" >"$work/embedded.log" 2>&1 &
pids+=($!)

# Distributed: a database, vhost and topic of its own on the local stack.
name="bench_e2e_$(date +%s)"
bash scripts/stack.sh psql -qc "CREATE DATABASE $name" >/dev/null
bash scripts/stack.sh vhost "$name"
distributed_env() {
  bash scripts/stack.sh env | sed 's/^/export /'
  echo "export ConnectionStrings__Database='Host=127.0.0.1;Port=55432;Database=$name;Username=postgres'"
  echo "export ConnectionStrings__RabbitMq='amqp://guest:guest@127.0.0.1:5673/$name'"
  echo "export Kafka__Topic='poster.render.$name' Kafka__GroupId='postergen-render-$name'"
  echo "export Database__MigrateOnStart=false Logging__LogLevel__Default=Warning Render__Concurrency=$((PAGES / RENDERERS > 0 ? PAGES / RENDERERS : 1))"
}
start_role() { # role port log
  ( eval "$(distributed_env)"; PosterGen__Roles=$1 ASPNETCORE_URLS=http://127.0.0.1:$2 exec dotnet "$api" >"$work/$3.log" 2>&1 ) &
  pids+=($!)
}
( eval "$(distributed_env)"; dotnet "$api" migrate >/dev/null )
start_role api $((PORT + 1)) api
start_role saga $((PORT + 2)) saga
for r in $(seq 1 "$RENDERERS"); do start_role render $((PORT + 2 + r)) "render-$r"; done
for port in $PORT $(seq $((PORT + 1)) $((PORT + 2 + RENDERERS))); do wait_ready "$port"; done

echo "pages: $PAGES in total; distributed: 1 api, 1 saga, $RENDERERS render process(es)"
dotnet bench/Pipeline/bin/Release/net10.0/PosterGen.Bench.Pipeline.dll compare "$COUNT" \
  "embedded=http://127.0.0.1:$PORT" "distributed=http://127.0.0.1:$((PORT + 1))"
