#!/usr/bin/env bash
# SLA what-if simulator: the real pipeline code on a simulated clock against a fresh Azurite.
#   scripts/simulate.sh [--policy config/policy.json] [--compare draft.json] [--tickets 2000] [--days 7] [--seed 1] ...
#   scripts/simulate.sh export --connection-string "..." [--prefix P] [--out traffic.json] [--keep-personal-data]
#   scripts/simulate.sh --traffic traffic.json [--agents replay|N] ...
# Every option is listed in docs/simulator.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules
dotnet build bench/ServerlessSupport.Simulator -c Release -v quiet -nologo >&2
exec dotnet bench/ServerlessSupport.Simulator/bin/Release/net10.0/ServerlessSupport.Simulator.dll "$@"
