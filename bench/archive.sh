#!/usr/bin/env bash
# Memory the service adds while a 10,000-poster job is downloaded as a ZIP and as one PDF.
# Posters are tiny JPEGs and the items repeat 20 data sets, so the render cache makes the job in
# seconds; every item still gets its own result row, ZIP entry and PDF page.
# Usage: bash bench/archive.sh [items=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}; PORT=${PORT:-18391}; BASE=http://127.0.0.1:$PORT
bash scripts/install-chromium.sh
dotnet build -c Release -v q -nologo Api >/dev/null

work=$(mktemp -d)
# From a copy of the build, so a rebuild during the long run cannot overwrite the running service.
cp -r Api/bin/Release/net10.0 "$work/api"
ASPNETCORE_URLS=$BASE ConnectionStrings__Database="Data Source=$work/bench.db" \
  Storage__Local__Path="$work/posters" Render__Concurrency=2 Logging__LogLevel__Default=Warning \
  dotnet "$work/api/PosterGen.Api.dll" >"$work/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf $BASE/health/ready >/dev/null && break; sleep 0.5; done

curl -sf -H 'Content-Type: application/json' $BASE/api/templates -d '{"section":"bench-archive","name":"tiny",
  "html_content":"<div style=\"font:12px DejaVu Sans;background:#264653;color:#fff;height:64px\">{{n}}</div>",
  "width":64,"height":64,"set_as_active":true}' >/dev/null
python3 -c "import json,sys; print(json.dumps({'template_id':'bench-archive','options':{'format':'jpeg'},
  'items':[{'entity_id':f'poster-{i}','n':str(i % 20)} for i in range($COUNT)]}))" >"$work/batch.json"
job=$(curl -sf -H 'Content-Type: application/json' $BASE/api/generate-batch --data-binary @"$work/batch.json" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
started=$(date +%s)
# The job's own status, not a result's (results say "completed" too).
job_status() { curl -sf "$BASE/api/jobs/$job?page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
until [ "$(job_status)" = completed ]; do sleep 1; done
echo "job of $COUNT posters finished in $(( $(date +%s) - started )) s"

rss() { awk '/VmRSS/ {print $2}' /proc/$api/status; }
# Downloads $1 into $2 while sampling the service's resident memory; prints the peak it added.
measure() {
  local before peak now
  before=$(rss); peak=$before
  curl -sf -o "$2" "$BASE/api/jobs/$job/$1" & local download=$!
  started=$(date +%s%N)
  while kill -0 $download 2>/dev/null; do now=$(rss); (( now > peak )) && peak=$now; sleep 0.05; done
  wait $download
  printf '%-8s %6d MiB in %5.1f s, RSS before %4d MiB, peak %4d MiB, added %4d MiB\n' "$1" \
    $(( $(stat -c %s "$2") / 1048576 )) "$(echo "($(date +%s%N) - $started) / 1000000000" | bc -l)" \
    $(( before / 1024 )) $(( peak / 1024 )) $(( (peak - before) / 1024 ))
}
measure archive "$work/job.zip"
measure pdf "$work/job.pdf"
python3 - "$work/job.zip" "$work/job.pdf" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = z.namelist()
    bad = z.testzip()
    rows = z.read("manifest.csv").decode().strip().splitlines()
print(f"archive: {len(names) - 1} posters + manifest.csv ({len(rows) - 1} rows), CRC check {'ok' if bad is None else 'failed at ' + bad}")
pdf = open(sys.argv[2], "rb").read()
print(f"pdf: {len(re.findall(rb'/Type /Page ', pdf))} pages, ends with %%EOF: {pdf.rstrip().endswith(b'%%EOF')}")
PY
