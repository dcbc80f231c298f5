#!/usr/bin/env bash
# API keys of the embedded default (the SQLite file under Api/data that scripts/run.sh uses):
#   bash scripts/keys.sh create --name acme    # prints the new key, once; its tenant is acme
#   bash scripts/keys.sh create --name acme-2 --tenant acme   # a second key of the tenant acme
#   bash scripts/keys.sh list
#   bash scripts/keys.sh revoke --name acme
# For another database, run 'dotnet PosterGen.Api.dll keys ...' with its settings in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project Api -c Release -- keys "$@"
