#!/usr/bin/env bash
# Emulator scaling: how Azurite's throughput per operation falls as blobs, partition rows, table entities or
# waiting queue messages accumulate. Explains the load scenario's limits on this machine. Usage: scripts/bench-emulator.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules
dotnet build bench/ServerlessSupport.Bench.Emulator -c Release -v quiet -nologo
exec dotnet bench/ServerlessSupport.Bench.Emulator/bin/Release/net10.0/ServerlessSupport.Bench.Emulator.dll "$@"
