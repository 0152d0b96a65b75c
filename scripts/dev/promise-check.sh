#!/usr/bin/env bash
# Promises to customers, black box: starts the app with scripts/run.sh (Azurite in memory, the real Functions host where
# one is available) on a policy whose sweeps run every 10 seconds, with a local SendGrid stand-in, then runs
# scripts/dev/promise-check.py against it and stops everything. Takes about four minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
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

source scripts/lib/dev-app.sh
start_dev_app "$work" Support__PolicyPath="$work/policy.json" \
  Support__FollowUpSchedule="*/10 * * * * *" Support__EscalationSchedule="5/10 * * * * *"
python3 scripts/dev/promise-check.py http://127.0.0.1:7071 local-dev-key "$agent_key" "$record"
