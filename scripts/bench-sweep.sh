#!/usr/bin/env bash
# Sweep benchmark: starts Azurite from node_modules on free loopback ports, seeds 100,000 open tickets, runs the
# escalation sweep with 1% of them due and again with none due, and ends with:
#   sweep_due=… sweep_ms=… entities_read_per_due=…
#   sweep_none_due_ms=… entities_read_none_due=…
# Usage: scripts/bench-sweep.sh [tickets=100000] [seed concurrency=24]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/prereqs.sh
ensure_node_modules

dotnet run -c Release --project bench/ServerlessSupport.Bench -- "$@"
