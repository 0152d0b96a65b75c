#!/usr/bin/env bash
# Fault harness: the app as a separate process on Azurite and the local SendGrid server, one fault at a time, each
# ending with the same no-loss invariant. The app runs on the real Functions host where one is available (see
# docs/architecture.md, "Hosting"), else on the standalone host; --host chooses.
# Usage: scripts/faults.sh <scenario>|all [--host real|standalone] [--quick|--full] [--minutes N] [--kills N] [--rate N] [--seconds N]
#   scenarios: storage-down sendgrid-down kill poison two-instances load
#   `all` runs them all (sendgrid-down 1 min and load 60 s unless --full) and ends with `faults_survived=N/N lost=0`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules
dotnet build src/ServerlessSupport.Standalone -c Release -v quiet -nologo
dotnet build bench/ServerlessSupport.Faults -c Release -v quiet -nologo
exec dotnet bench/ServerlessSupport.Faults/bin/Release/net10.0/ServerlessSupport.Faults.dll "${@:-all}"
