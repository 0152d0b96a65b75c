#!/usr/bin/env bash
# Runs the pipeline on this machine: Azurite in memory on loopback (unless AzureWebJobsStorage points elsewhere)
# and the app in the standalone host (ServerlessSupport.Standalone) on http://127.0.0.1:7071, every function active and
# each trigger logged as it fires. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules

dotnet build src/ServerlessSupport.Standalone -c Release -v quiet -nologo

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "stopped"
}
trap cleanup INT TERM EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -z "${AzureWebJobsStorage:-}" ] && [ -z "${AzureWebJobsStorage__accountName:-}" ] && [ -z "${AzureWebJobsStorage__blobServiceUri:-}" ]; then
  blob=${AZURITE_BLOB_PORT:-10000}; queue=${AZURITE_QUEUE_PORT:-10001}; table=${AZURITE_TABLE_PORT:-10002}
  for p in "$blob" "$queue" "$table"; do
    port_free "$p" || { echo "port $p is in use: stop what holds it or set AZURITE_BLOB_PORT/AZURITE_QUEUE_PORT/AZURITE_TABLE_PORT" >&2; exit 1; }
  done
  node_modules/.bin/azurite --inMemoryPersistence --silent --skipApiVersionCheck --loose --disableTelemetry --disableProductStyleUrl \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" &
  pids+=($!)
  for _ in $(seq 1 100); do port_free "$table" || break; sleep 0.1; done
  account=devstoreaccount1
  key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
  export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
  echo "Azurite (in memory): blob http://127.0.0.1:$blob  queue http://127.0.0.1:$queue  table http://127.0.0.1:$table"
else
  echo "Storage: using AzureWebJobsStorage from the environment"
fi

# Local defaults so the app starts from a fresh clone; real values come from the environment or local.settings.json.
export Support__Address=${Support__Address:-support@localhost.test}
export Support__WebhookKeys=${Support__WebhookKeys:-local-dev-key}
export Support__SurveySigningKey=${Support__SurveySigningKey:-local-dev-survey-key}
# The sweeps half a minute apart, as infra/main.bicep deploys them (unset, the standalone host runs both on the minute).
export Support__FollowUpSchedule=${Support__FollowUpSchedule:-"0 * * * * *"}
export Support__EscalationSchedule=${Support__EscalationSchedule:-"30 * * * * *"}

url=${APP_URL:-http://127.0.0.1:7071}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
app_dll=src/ServerlessSupport.Standalone/bin/Release/net10.0/ServerlessSupport.Standalone.dll

# An agent API key for the dashboard and the API: created when the storage has no active key (in-memory Azurite: every start).
agent_key=""
if ! dotnet "$app_dll" agent-key list | grep -q ' active$'; then
  agent_key=$(dotnet "$app_dll" agent-key create "${DEV_AGENT_NAME:-dev}" | grep '^ssk_' || true)
fi

dotnet "$app_dll" --urls "$url" &
app=$!
pids+=($app)
echo "App (standalone host): $url"
echo "  health:    $url/api/health"
echo "  inbound:   curl -H 'x-functions-key: $Support__WebhookKeys' -H 'content-type: application/json' -d '{\"from\":\"you@example.com\",\"subject\":\"Hi\",\"text\":\"Help\"}' $url/api/inbound/json"
echo "  dev mail:  $url/api/dev/outbox?code=$Support__WebhookKeys (without SendGrid__ApiKey mail stays here)"
if [ -n "$agent_key" ]; then
  echo "  agent key: $agent_key  (dashboard sign-in; API: curl -H 'Authorization: Bearer $agent_key' $url/api/tickets)"
else
  echo "  agent key: this storage already has one; another: dotnet $app_dll agent-key create <name> (list | revoke <id>)"
fi
echo "  dashboard: $url/api/dashboard/"
echo "  api docs:  $url/api/openapi/v1.json (agent key required)"
echo "Ctrl-C stops both."
# Only the app ends the script: stop Azurite by hand and /api/health answers 503 naming the service.
wait "$app"
