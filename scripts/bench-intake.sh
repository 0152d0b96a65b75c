#!/usr/bin/env bash
# Intake benchmark (issue 4): the standalone app against Azurite and the local SendGrid server, email posted at a
# sustained rate. Usage: scripts/bench-intake.sh [--rate 50] [--seconds 60] [--windows 5] [--warmup S] [--seed-due N] [--stages]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules
dotnet build src/ServerlessSupport.Standalone -c Release -v quiet -nologo
dotnet build bench/ServerlessSupport.Bench.Intake -c Release -v quiet -nologo
exec dotnet bench/ServerlessSupport.Bench.Intake/bin/Release/net10.0/ServerlessSupport.Bench.Intake.dll "$@"
