#!/usr/bin/env bash
# Writes artifacts/functionapp/: the published handler (linux-x64), host.json with its customHandler section, and one
# <Function>/function.json per catalog function. Then, with Azure Functions Core Tools:
#   cp local.settings.sample.json artifacts/functionapp/local.settings.json
#   func start --script-root artifacts/functionapp
# SELF_CONTAINED=true bundles the .NET runtime (use it for Azure unless the worker image has .NET 10).
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out"
dotnet publish src/ServerlessSupport.Functions -c Release -r linux-x64 --self-contained "${SELF_CONTAINED:-false}" -o "$out" -nologo -v quiet

# Support__PolicyPath defaults to config/policy.json, relative to the script root the host starts the handler in.
cp -r config "$out/"

# The writer runs from the published folder so it reads the published host.json.
(cd "$out" && dotnet ServerlessSupport.Functions.dll write-function-app .)
chmod +x "$out/ServerlessSupport.Functions"
echo "function app written to $out"
