using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Api.Dtos;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// GET /api/metrics, bounded by time rather than table size: tickets updated in the last <see cref="CsatPeriods"/>'s
/// longest period (acknowledgment latency and first-response attainment of the tickets opened in the last
/// <see cref="WindowDays"/> days; satisfaction per period from the survey answers given in it), the open tickets by
/// priority, the escalations since midnight in the policy's default time zone, and the promises to customers kept and
/// broken per period. Events are read only for tickets that were answered or changed in the window.
/// </summary>
internal sealed class MetricsFunction(TableTicketQueries queries, ITicketStore store, SupportPolicy policy, TimeProvider time, AgentGate gate)
{
    public const int WindowDays = 7;

    /// <summary>The periods satisfaction and promises are shown for (days back from now).</summary>
    public static readonly IReadOnlyList<int> CsatPeriods = [7, 30];

    private const int EventReadParallelism = 8;

    [Function("Metrics")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "Metrics", _ => HandleAsync(cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-WindowDays);
        var zone = policy.DefaultCalendar.TimeZone;
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var today = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date)).ToUniversalTime();

        // An answer's commit and a promise's settling update their ticket, so the tickets updated in the longest period
        // hold every answer and every settled promise in it.
        var updated = await queries.ListAsync([], now.AddDays(-CsatPeriods.Max()), cancellationToken);
        var recent = updated.Where(t => t.UpdatedAt >= since).ToList();
        var open = await queries.ListAsync([TicketStatus.Open, TicketStatus.PendingCustomer], null, cancellationToken);

        var opened = recent.Where(t => t.CreatedAt >= since).ToList();
        var latencies = opened
            .Where(t => t.AcknowledgedAt is not null)
            .Select(t => (t.AcknowledgedAt!.Value - t.CreatedAt).TotalSeconds)
            .Order()
            .ToList();

        // First responses: the reply records met/missed; unanswered tickets past their due date have missed already.
        var met = 0;
        var missed = opened.Count(t => t.FirstRespondedAt is null && t.FirstResponseDue is { } due && due <= now);
        var escalationsToday = 0;
        var needEvents = recent.Where(t => (t.FirstRespondedAt is not null && t.CreatedAt >= since) || t.UpdatedAt >= today).ToList();
        var counts = new System.Collections.Concurrent.ConcurrentBag<(int Met, int Missed, int Escalations)>();
        await Parallel.ForEachAsync(
            needEvents,
            new ParallelOptions { MaxDegreeOfParallelism = EventReadParallelism, CancellationToken = cancellationToken },
            async (ticket, ct) =>
            {
                var events = await store.GetEventsAsync(ticket.Id, ct);
                var first = ticket.CreatedAt >= since ? events.FirstOrDefault(e => e.Kind == AgentEventKinds.FirstResponse) : null;
                counts.Add((
                    first?.Detail.StartsWith(AgentEventKinds.FirstResponseMet, StringComparison.Ordinal) == true ? 1 : 0,
                    first?.Detail.StartsWith(AgentEventKinds.FirstResponseMissed, StringComparison.Ordinal) == true ? 1 : 0,
                    events.Count(e => e.Kind == TicketEventKinds.Escalated && e.At >= today)));
            });

        foreach (var (m, x, e) in counts)
        {
            met += m;
            missed += x;
            escalationsToday += e;
        }

        int OpenWith(Priority p) => open.Count(t => t.Priority == p);
        return ApiResults.Ok(new MetricsResponse(
            new AckLatencyDto(Percentile(latencies, 0.50), Percentile(latencies, 0.95), latencies.Count),
            new FirstResponseMetricsDto(met, missed, met + missed == 0 ? null : (double)met / (met + missed)),
            new OpenByPriorityDto(OpenWith(Priority.Low), OpenWith(Priority.Normal), OpenWith(Priority.High), OpenWith(Priority.Urgent)),
            escalationsToday,
            WindowDays,
            now,
            [.. CsatPeriods.Select(days => Csat(updated, now, days))],
            [.. CsatPeriods.Select(days => Promises(updated, now, days))]));
    }

    private static CsatPeriodDto Csat(IReadOnlyList<Ticket> tickets, DateTimeOffset now, int days)
    {
        var since = now.AddDays(-days);
        var answers = tickets.Where(t => t.Sla.SurveyAnswer is not null && t.Sla.SurveyAnsweredAt >= since).Select(t => t.Sla.SurveyAnswer!.Value).ToList();
        var good = answers.Count(a => a == Core.Sla.Surveys.SurveyRating.Good);
        var bad = answers.Count - good;
        return new CsatPeriodDto(days, answers.Count, good, bad, answers.Count == 0 ? null : Math.Round((double)good / answers.Count, 4), answers.Count == 0 ? null : Math.Round((double)bad / answers.Count, 4));
    }

    /// <summary>
    /// The promises kept and broken in the last <paramref name="days"/> days. Settling one updates its ticket, so the
    /// tickets updated in the longest period hold every promise settled in it.
    /// </summary>
    private static PromisePeriodDto Promises(IReadOnlyList<Ticket> tickets, DateTimeOffset now, int days)
    {
        var since = now.AddDays(-days);
        var settled = tickets
            .SelectMany(t => t.Sla.Promises)
            .Where(p => p.State is PromiseState.Kept or PromiseState.Broken && p.SettledAt >= since)
            .ToList();
        PromiseCountsDto Of(PromiseKind kind) => new(
            settled.Count(p => p.Kind == kind && p.State == PromiseState.Kept),
            settled.Count(p => p.Kind == kind && p.State == PromiseState.Broken));
        var kept = settled.Count(p => p.State == PromiseState.Kept);
        var broken = settled.Count - kept;
        return new PromisePeriodDto(
            days,
            kept,
            broken,
            settled.Count == 0 ? null : Math.Round((double)kept / settled.Count, 4),
            new PromiseKindsDto(Of(PromiseKind.FirstResponse), Of(PromiseKind.Update), Of(PromiseKind.Resolution)));
    }

    /// <summary>Nearest-rank percentile of sorted values; null without samples.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 3);
    }
}
