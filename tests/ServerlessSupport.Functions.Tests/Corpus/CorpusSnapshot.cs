using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>The pipeline's visible state at one moment; a case's effect is the difference of two snapshots.</summary>
internal sealed record CorpusSnapshot(
    IReadOnlyDictionary<TicketId, Ticket> Tickets,
    IReadOnlyList<IntakeRecord> Records,
    IReadOnlyList<FakeSendGridRequest> Requests)
{
    public static async Task<CorpusSnapshot> TakeAsync(PipelineHost host, CancellationToken ct)
    {
        var tickets = await host.GetTicketsAsync(ct);
        var records = await host.GetIntakeRecordsAsync(ct);
        return new CorpusSnapshot(tickets.ToDictionary(t => t.Id), records, [.. host.SendGrid.Requests]);
    }

    /// <summary>Tickets that exist now and did not before.</summary>
    public IReadOnlyList<Ticket> NewTickets(CorpusSnapshot before) =>
        [.. Tickets.Values.Where(t => !before.Tickets.ContainsKey(t.Id))];

    /// <summary>Tickets that existed before and gained messages.</summary>
    public IReadOnlyList<Ticket> GrownTickets(CorpusSnapshot before) =>
        [.. Tickets.Values.Where(t => before.Tickets.TryGetValue(t.Id, out var old) && t.MessageCount != old.MessageCount)];

    public IReadOnlyList<IntakeRecord> NewRecords(CorpusSnapshot before)
    {
        var known = before.Records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Records.Where(r => !known.Contains(r.Id))];
    }

    public IReadOnlyList<FakeSendGridRequest> NewRequests(CorpusSnapshot before) =>
        [.. Requests.Where(r => r.Sequence > before.Requests.Select(b => b.Sequence).DefaultIfEmpty(0).Max())];
}
