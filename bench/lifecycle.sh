#!/usr/bin/env bash
# The embedded default with a 100,000-item batch: how long the submit takes to answer, and the
# service's memory (RSS of the service process, and of it plus its Chromiums) while it renders.
# Baselines from the same run: the idle service's RSS, and the submit time of a 1,000-item batch.
# Usage: bash bench/lifecycle.sh [items=100000] [render_seconds=60] [item_bytes=350]
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}; SECONDS_RENDERING=${2:-60}; ITEM_BYTES=${3:-350}; PORT=${PORT:-18081}
bash scripts/install-chromium.sh
dotnet build -c Release -v q -nologo Api >/dev/null

work=$(mktemp -d)
ASPNETCORE_URLS=http://127.0.0.1:$PORT ConnectionStrings__Database="Data Source=$work/bench.db" \
  Storage__Local__Path="$work/posters" Logging__LogLevel__Default=Warning \
  dotnet Api/bin/Release/net10.0/PosterGen.Api.dll >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
API=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -sf $API/health/ready >/dev/null && break; sleep 0.5; done

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
tree_kib() { # the service and every process under it (its Chromiums)
  local total=0 pid
  for pid in $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1" 2>/dev/null); do pgrep -P "$c"; done); do
    total=$((total + $(rss_kib "$pid" 2>/dev/null || echo 0)))
  done
  echo $total
}

curl -sf -X POST $API/api/templates -H 'Content-Type: application/json' -d '{"section":"bench","name":"Bench","width":160,"height":90,"set_as_active":true,
  "html_content":"<div style=\"font:16px DejaVu Sans;background:#264653;color:#fff;width:160px;height:90px\">{{title}} {{line}}</div>"}' >/dev/null

body() { # N items of about ITEM_BYTES each, as a client's export would send them
  python3 - "$1" "$ITEM_BYTES" <<'PY'
import json, sys, uuid
n = int(sys.argv[1]); pad = "x" * max(0, int(sys.argv[2]) - 100)
items = [{"entity_id": f"cust-{i}", "title": f"Poster {i} {uuid.uuid4().hex[:8]}", "line": pad} for i in range(n)]
print(json.dumps({"template_id": "bench", "items": items}))
PY
}
submit() { # prints seconds to the 202, and the job id
  local file=$1 out
  out=$(curl -s -o "$work/answer.json" -w '%{time_total} %{http_code}' -X POST $API/api/generate-batch -H 'Content-Type: application/json' --data-binary @"$file")
  [[ ${out#* } == 202 ]] || { echo "submit answered ${out#* }: $(cat "$work/answer.json")" >&2; exit 1; }
  echo "${out% *} $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_id"])' "$work/answer.json")"
}
cancel() { curl -s -o /dev/null -X POST "$API/api/jobs/$1/cancel"; }

idle=$(rss_kib $api); idle_tree=$(tree_kib $api)
body 1000 >"$work/small.json"; body "$ITEMS" >"$work/big.json"
read -r small_s small_job < <(submit "$work/small.json"); cancel "$small_job"
read -r big_s big_job < <(submit "$work/big.json")
after_submit=$(rss_kib $api)

max=0; max_tree=0; samples=()
for _ in $(seq 1 "$SECONDS_RENDERING"); do
  sleep 1
  now=$(rss_kib $api); tree=$(tree_kib $api)
  (( now > max )) && max=$now; (( tree > max_tree )) && max_tree=$tree
  samples+=("$((now / 1024))")
done
done_count=$(curl -s "$API/api/jobs/$big_job?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["success_count"])')
cancel "$big_job"

echo "bench/lifecycle: $ITEMS items of ~$ITEM_BYTES bytes ($(( $(stat -c %s "$work/big.json") / 1024 / 1024 )) MiB of JSON), $(nproc) cores"
echo "  submit to 202:   ${big_s}s for $ITEMS items   (baseline: ${small_s}s for 1000 items)"
echo "  service RSS:     idle $((idle / 1024)) MiB, after the submit $((after_submit / 1024)) MiB, max $((max / 1024)) MiB over ${SECONDS_RENDERING}s of rendering"
echo "  with Chromium:   idle $((idle_tree / 1024)) MiB, max $((max_tree / 1024)) MiB"
echo "  rendered in ${SECONDS_RENDERING}s: $done_count posters; RSS each second (MiB): ${samples[*]}"
