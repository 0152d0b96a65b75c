#!/usr/bin/env bash
# Publishes the Functions isolated-worker app to artifacts/functionapp/: the folder zip deploy and
# `func azure functionapp publish` take (the worker's build output with functions.metadata, worker.config.json,
# extensions.json, host.json, the dashboard's wwwroot and config/policy.json). Then, with Azure Functions Core Tools:
#   cp local.settings.sample.json artifacts/functionapp/local.settings.json
#   cd artifacts/functionapp && func start
# or deploy it: (cd artifacts/functionapp && zip -qr ../functionapp.zip .) and
#   az functionapp deployment source config-zip -g <group> -n <app> --src artifacts/functionapp.zip
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out"
# Functions are invoked by reflection over their attributes (both hosts), so nothing is trimmed.
dotnet publish src/ServerlessSupport.Functions -c Release -o "$out" -nologo -v quiet -p:PublishTrimmed=false
for file in functions.metadata worker.config.json extensions.json host.json config/policy.json wwwroot/index.html; do
  [ -f "$out/$file" ] || { echo "package: $file is missing from $out" >&2; exit 1; }
done
echo "function app written to $out ($(python3 -c "import json;print(len(json.load(open('$out/functions.metadata'))))" 2>/dev/null || echo '?') functions)"
