using System.Text.Json.Nodes;

namespace ServerlessSupport.Core.Tests.Sla;

/// <summary>A small valid policy as a JSON tree; tests break one field and parse it.</summary>
internal static class PolicyJsonBuilder
{
    public static JsonObject Valid() => (JsonObject)JsonNode.Parse("""
        {
          "calendars": {
            "emea": {
              "timeZone": "Europe/London",
              "weeklyHours": { "monday": ["09:00-12:00", "13:00-17:00"], "friday": ["09:00-15:00"] },
              "holidays": ["2026-12-25"]
            },
            "always": { "timeZone": "Etc/UTC", "24x7": true }
          },
          "defaultCalendar": "emea",
          "priorities": {
            "low": { "firstResponse": { "duration": "16h", "clock": "business" }, "nextUpdate": { "duration": "24h", "clock": "business" }, "resolution": { "duration": "80h", "clock": "business" } },
            "normal": { "firstResponse": { "duration": "8h", "clock": "business" }, "nextUpdate": { "duration": "8h", "clock": "business" }, "resolution": { "duration": "40h", "clock": "business" } },
            "high": { "firstResponse": { "duration": "4h", "clock": "business" }, "nextUpdate": { "duration": "8h", "clock": "business" }, "resolution": { "duration": "16h", "clock": "business" } },
            "urgent": { "firstResponse": { "duration": "1h", "clock": "calendar" }, "nextUpdate": { "duration": "2h", "clock": "business", "calendar": "always" }, "resolution": { "duration": "1d", "clock": "calendar" } }
          },
          "priorityRules": [ { "priority": "urgent", "keywords": ["outage"] }, { "priority": "high", "fromDomains": ["vip.example"] } ],
          "defaultPriority": "normal",
          "escalations": {
            "firstResponse": [
              { "name": "reminder", "atPercent": 75, "notify": ["assignee"] },
              { "name": "breached", "atPercent": 100, "notify": ["teamLead", "oncall@example.com"], "actions": ["raisePriority"] }
            ]
          },
          "recipients": { "teamLead": "lead@example.com", "manager": "boss@example.com" },
          "statusNotes": { "enabled": true, "after": "16h", "clock": "business" },
          "pending": { "reminders": ["2d", "5d"], "autoCloseAfter": "7d", "clock": "calendar" },
          "afterSolve": { "checkBackAfter": "3d", "surveyTokenLifetime": "14d", "closeAfter": "7d" },
          "autoReplyLimit": { "perSender": 5, "window": "1h" },
          "languages": { "offered": ["en", "de", "fr"], "default": "de" },
          "realisticPromise": { "enabled": true, "percentile": 90, "windowDays": 14, "minimumSamples": 3 },
          "customerDaytime": { "hours": "07:30-21:00", "timeZone": "Europe/Berlin" }
        }
        """)!;

    /// <summary>Finds a node by a dotted path with [index] parts, e.g. "priorities.high.firstResponse".</summary>
    public static JsonNode At(this JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var name = part.Split('[')[0];
            node = node[name]!;
            foreach (var index in part.Split('[').Skip(1))
            {
                node = node[int.Parse(index.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)]!;
            }
        }

        return node;
    }
}
