#!/usr/bin/env bash
# Intake benchmark: the app as a separate process (on the real Functions host where one is available, else the
# standalone host; --host chooses) against Azurite, through a counter of storage calls, and the local SendGrid server,
# email posted at a sustained rate. Prints acknowledgment latency, storage calls and the app's CPU per email.
# Usage: scripts/bench-intake.sh [--host real|standalone] [--rate 50] [--seconds 60] [--windows 5] [--warmup S] [--seed-due N] [--stages] [--log-level Warning]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules
dotnet build src/ServerlessSupport.Standalone -c Release -v quiet -nologo
dotnet build bench/ServerlessSupport.Bench.Intake -c Release -v quiet -nologo
exec dotnet bench/ServerlessSupport.Bench.Intake/bin/Release/net10.0/ServerlessSupport.Bench.Intake.dll "$@"
