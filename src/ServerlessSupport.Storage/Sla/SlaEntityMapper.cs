using System.Text.Json;
using Azure.Data.Tables;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Storage.Sla;

/// <summary>Persists <see cref="TicketSla"/> as plain properties of the ticket row (readable in any table explorer).</summary>
internal static class SlaEntityMapper
{
    private static readonly (TargetKind Kind, string Prefix)[] Targets =
    [
        (TargetKind.FirstResponse, "SlaFr"),
        (TargetKind.NextUpdate, "SlaNu"),
        (TargetKind.Resolution, "SlaRes"),
    ];

    public static void Write(TableEntity e, TicketSla sla)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(sla);
        foreach (var (kind, p) in Targets)
        {
            var state = sla.Target(kind);
            e[p + "Start"] = state?.Clock.StartedAt;
            e[p + "PausedTicks"] = state?.Clock.PausedTime.Ticks;
            e[p + "PausedSince"] = state?.Clock.PausedSince;
            e[p + "Due"] = state?.DueAt;
            e[p + "Levels"] = state?.LevelsFired;
            e[p + "NextLevel"] = state?.NextLevelAt;
        }

        e["SlaStatusNoteDue"] = sla.StatusNoteDue;
        e["SlaPendingSince"] = sla.PendingSince;
        e["SlaPendingReminders"] = sla.PendingRemindersSent == 0 ? null : sla.PendingRemindersSent;
        e["SlaPendingReminderDue"] = sla.PendingReminderDue;
        e["SlaAutoCloseAt"] = sla.AutoCloseAt;
        e["SlaCheckBackAt"] = sla.CheckBackAt;
        e["SlaCheckBackSent"] = sla.CheckBackSent ? true : null;
        e["SlaCloseAt"] = sla.CloseAt;
        e["SurveyAnswer"] = sla.SurveyAnswer?.ToString();
        e["SurveyAnsweredAt"] = sla.SurveyAnsweredAt;
        e["SurveyResolution"] = sla.SurveyAnswer is null ? null : sla.SurveyResolution;
        e["SurveyComment"] = sla.SurveyComment;
        e["Promises"] = sla.Promises.Count == 0 ? null : JsonSerializer.Serialize(sla.Promises.ToList(), StorageJsonContext.Default.ListTicketPromise);
        e["AgentNotices"] = sla.AgentNotices.Count == 0 ? null : JsonSerializer.Serialize(sla.AgentNotices.ToList(), StorageJsonContext.Default.ListAgentNotice);
    }

    public static TicketSla Read(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sla = TicketSla.None with
        {
            StatusNoteDue = e.GetDateTimeOffset("SlaStatusNoteDue"),
            PendingSince = e.GetDateTimeOffset("SlaPendingSince"),
            PendingRemindersSent = e.GetInt32("SlaPendingReminders") ?? 0,
            PendingReminderDue = e.GetDateTimeOffset("SlaPendingReminderDue"),
            AutoCloseAt = e.GetDateTimeOffset("SlaAutoCloseAt"),
            CheckBackAt = e.GetDateTimeOffset("SlaCheckBackAt"),
            CheckBackSent = e.GetBoolean("SlaCheckBackSent") ?? false,
            CloseAt = e.GetDateTimeOffset("SlaCloseAt"),
            SurveyAnswer = Enum.TryParse<SurveyRating>(e.GetString("SurveyAnswer"), out var rating) ? rating : null,
            SurveyAnsweredAt = e.GetDateTimeOffset("SurveyAnsweredAt"),
            SurveyResolution = e.GetInt32("SurveyResolution") ?? 0,
            SurveyComment = e.GetString("SurveyComment"),
            Promises = ReadPromises(e.GetString("Promises")),
            AgentNotices = e.GetString("AgentNotices") is { } notices ? (IReadOnlyList<AgentNotice>?)JsonSerializer.Deserialize(notices, StorageJsonContext.Default.ListAgentNotice) ?? [] : [],
        };

        foreach (var (kind, p) in Targets)
        {
            if (e.GetDateTimeOffset(p + "Start") is { } start)
            {
                var clock = new SlaClock(start, TimeSpan.FromTicks(e.GetInt64(p + "PausedTicks") ?? 0), e.GetDateTimeOffset(p + "PausedSince"));
                sla = sla.WithTarget(kind, new SlaTargetState(clock, e.GetDateTimeOffset(p + "Due"), e.GetInt32(p + "Levels") ?? 0, e.GetDateTimeOffset(p + "NextLevel")));
            }
        }

        return sla;
    }

    /// <summary>The stored promises; none is the shared empty list, so a ticket without promises reads back equal.</summary>
    private static IReadOnlyList<TicketPromise> ReadPromises(string? json) =>
        json is null ? [] : (IReadOnlyList<TicketPromise>?)JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListTicketPromise) ?? [];
}
