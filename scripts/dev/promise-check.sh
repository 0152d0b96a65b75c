#!/usr/bin/env bash
# Promises to customers, black box: starts the app with scripts/run.sh (Azurite in memory, the real Functions host where
# one is available) on a policy whose sweeps run every 10 seconds, with a local SendGrid stand-in, then runs
# scripts/dev/promise-check.py against it and stops everything. Takes about four minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
record=$work/sent.jsonl
cat > "$work/policy.json" <<'JSON'
{
  "calendars": { "always": { "timeZone": "Europe/London", "24x7": true } },
  "defaultCalendar": "always",
  "priorities": {
    "low": { "firstResponse": { "duration": "1d", "clock": "calendar" }, "nextUpdate": { "duration": "1d", "clock": "calendar" }, "resolution": { "duration": "5d", "clock": "calendar" } },
    "normal": { "firstResponse": { "duration": "8h", "clock": "calendar" }, "nextUpdate": { "duration": "8h", "clock": "calendar" }, "resolution": { "duration": "3d", "clock": "calendar" } },
    "high": { "firstResponse": { "duration": "4h", "clock": "calendar" }, "nextUpdate": { "duration": "4h", "clock": "calendar" }, "resolution": { "duration": "2d", "clock": "calendar" } },
    "urgent": { "firstResponse": { "duration": "1h", "clock": "calendar" }, "nextUpdate": { "duration": "2h", "clock": "calendar" }, "resolution": { "duration": "8h", "clock": "calendar" } }
  },
  "recipients": { "team": "team@example.test", "teamLead": "lead@example.test" },
  "statusNotes": { "after": "1m", "clock": "calendar" },
  "customerDaytime": { "enabled": false },
  "promises": { "remindBefore": "1m" }
}
JSON

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
setsid python3 scripts/dev/sendgrid-recorder.py "$record" 7072 & pids+=($!)
Support__PolicyPath="$work/policy.json" Support__Address=support@example.test \
  Support__FollowUpSchedule="*/10 * * * * *" Support__EscalationSchedule="5/10 * * * * *" \
  SendGrid__BaseUrl=http://127.0.0.1:7072 SendGrid__ApiKey=any \
  setsid bash scripts/run.sh > "$work/run.log" 2>&1 & pids+=($!)
for _ in $(seq 1 300); do grep -q '^App on' "$work/run.log" && break; sleep 1; done
grep '^App on' "$work/run.log" || { cat "$work/run.log"; exit 1; }
key=$(grep -o 'agent key: ssk_[^ ]*' "$work/run.log" | cut -d' ' -f3)
python3 scripts/dev/promise-check.py http://127.0.0.1:7071 local-dev-key "$key" "$record"
