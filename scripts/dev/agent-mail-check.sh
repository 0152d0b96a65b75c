#!/usr/bin/env bash
# Agents working from their inbox, black box: starts the app with scripts/run.sh (Azurite in memory, the real Functions
# host where one is available; it signs reply addresses with its local key) with the escalation sweep every 10 seconds and
# a local SendGrid stand-in, then runs scripts/dev/agent-mail-check.py against it and stops everything. Takes a few
# minutes; nothing else may use ports 7071, 7072 or 10000-10002 meanwhile.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)

source scripts/lib/dev-app.sh
start_dev_app "$work" Support__EscalationSchedule="*/10 * * * * *"
# A second agent assigns the ticket: nobody is told of an assignment they made themselves. Its key goes into the same
# storage (run.sh's in-memory Azurite) with the app's own agent-key verb.
if grep -q '^App on the standalone host' "$run_log"; then app_dll=src/ServerlessSupport.Standalone/bin/Release/net10.0/ServerlessSupport.Standalone.dll
else app_dll=artifacts/functionapp/ServerlessSupport.Functions.dll; fi
account=devstoreaccount1
account_key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
lead_key=$(AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:10000/$account;QueueEndpoint=http://127.0.0.1:10001/$account;TableEndpoint=http://127.0.0.1:10002/$account;" \
  Support__Address=support@example.test Support__WebhookKeys=local-dev-key Support__SurveySigningKey=local-dev-survey-key \
  Support__ReplyAddressKeys="1:local-dev-reply-address-key" AzureFunctionsWebHost__hostid=serverlesssupport-local \
  dotnet "$app_dll" agent-key create lead | grep '^ssk_')
python3 scripts/dev/agent-mail-check.py http://127.0.0.1:7071 local-dev-key "$agent_key" "$record" "$lead_key"
