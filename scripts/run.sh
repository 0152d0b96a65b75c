#!/usr/bin/env bash
# Runs the pipeline on this machine on http://127.0.0.1:7071: Azurite in memory on loopback (unless AzureWebJobsStorage
# points elsewhere) and the app on the real Azure Functions host where one is available, else on the standalone host.
# The real host comes from a functions-host folder (FUNCTIONS_HOST, or ../shared/functions-host beside the checkout:
# build.sh and start.sh) or from Azure Functions Core Tools (func on PATH). RUN_HOST=real|standalone chooses.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_node_modules

functions_host=${FUNCTIONS_HOST:-}
[ -n "$functions_host" ] || { [ -f ../shared/functions-host/start.sh ] && functions_host=../shared/functions-host; } || true
host=${RUN_HOST:-}
if [ -z "$host" ]; then
  if [ -n "$functions_host" ] || command -v func >/dev/null; then host=real; else host=standalone; fi
fi
case "$host" in
  real) [ -n "$functions_host" ] || command -v func >/dev/null || { echo "RUN_HOST=real needs Core Tools (func) or FUNCTIONS_HOST (a functions-host folder)" >&2; exit 1; } ;;
  standalone) ;;
  *) echo "RUN_HOST must be real or standalone" >&2; exit 1 ;;
esac

pids=()
cleanup() {
  trap - INT TERM EXIT
  # The app first (it drains while storage is still there), then Azurite.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
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

# Local defaults so the app starts from a fresh clone; real values come from the environment (or local.settings.json
# for the standalone host and func start). Without SendGrid__ApiKey mail stays in the local outbox (Development only).
export Support__Address=${Support__Address:-support@localhost.test}
export Support__WebhookKeys=${Support__WebhookKeys:-local-dev-key}
export Support__SurveySigningKey=${Support__SurveySigningKey:-local-dev-survey-key}
export Support__ReplyAddressKeys=${Support__ReplyAddressKeys:-"1:local-dev-reply-address-key"}
# The sweeps half a minute apart, as infra/main.bicep deploys them.
export Support__FollowUpSchedule=${Support__FollowUpSchedule:-"0 * * * * *"}
export Support__EscalationSchedule=${Support__EscalationSchedule:-"30 * * * * *"}
export AzureFunctionsWebHost__hostid=${AzureFunctionsWebHost__hostid:-serverlesssupport-local}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# A readable console: what the app logs and each function run; the Azure SDK's line per storage call only when it fails.
export Logging__LogLevel__Default=${Logging__LogLevel__Default:-Information}
export Logging__LogLevel__Azure=${Logging__LogLevel__Azure:-Warning}
export Logging__LogLevel__Microsoft=${Logging__LogLevel__Microsoft:-Warning}
export AzureFunctionsJobHost__logging__logLevel__default=${AzureFunctionsJobHost__logging__logLevel__default:-Warning}
export AzureFunctionsJobHost__logging__logLevel__Function=${AzureFunctionsJobHost__logging__logLevel__Function:-Information}
# (A name with a dot cannot be exported by bash; env passes it.)
host_logs=("AzureFunctionsJobHost__logging__logLevel__Host.Function.Console=Information")

url=${APP_URL:-http://127.0.0.1:7071}
port=${url##*:}
if [ "$host" = real ]; then
  bash scripts/package.sh >/dev/null
  app_dll=artifacts/functionapp/ServerlessSupport.Functions.dll
else
  dotnet build src/ServerlessSupport.Standalone -c Release -v quiet -nologo
  app_dll=src/ServerlessSupport.Standalone/bin/Release/net10.0/ServerlessSupport.Standalone.dll
fi

# An agent API key for the dashboard and the API: created when the storage has no active key (in-memory Azurite: every start).
agent_key=""
if ! dotnet "$app_dll" agent-key list | grep -q ' active$'; then
  agent_key=$(dotnet "$app_dll" agent-key create "${DEV_AGENT_NAME:-dev}" | grep '^ssk_' || true)
fi

if [ "$host" = standalone ]; then
  dotnet "$app_dll" --urls "$url" &
  what="the standalone host (ServerlessSupport.Standalone)"
elif [ -n "$functions_host" ]; then
  # The functions-host script's key becomes the host's master and default function key: the webhook key below.
  mkdir -p .local/functions-host
  FUNCTIONS_HOST_KEY=$Support__WebhookKeys FUNCTIONS_HOST_STATE_DIR=$(pwd)/.local/functions-host \
    bash "$functions_host/start.sh" artifacts/functionapp "$port" "${host_logs[@]}" &
  what="the Azure Functions host from $functions_host"
else
  # Core Tools runs the host as func start does for any project; locally it does not ask for function keys.
  (cd artifacts/functionapp && exec env FUNCTIONS_WORKER_RUNTIME=dotnet-isolated "${host_logs[@]}" func start --port "$port") &
  what="the Azure Functions host (Core Tools)"
fi
app=$!
pids+=($app)
for _ in $(seq 1 600); do
  curl -s -o /dev/null "$url/api/health" && break
  kill -0 "$app" 2>/dev/null || { echo "the app exited during start" >&2; exit 1; }
  sleep 0.1
done

echo "App on $what: $url"
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
echo "Ctrl-C stops everything."
# Only the app ends the script: stop Azurite by hand and /api/health answers 503 naming the service.
wait "$app"
