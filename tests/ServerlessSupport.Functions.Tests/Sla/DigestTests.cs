using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

/// <summary>Daytime windows and digests on Azurite with a fake clock: what the customer and the team receive, and when.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestTests(AzuriteFixture fixture)
{
    // Monday 5 January 2026, 09:00 London (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StatusNotesDueAtTheCustomersNight_WaitForTheirMorningAndGoOutAsOneDigest()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var first = await world.OpenTicketAsync("Printer on fire", "It smokes.", "Mon, 5 Jan 2026 18:00:00 +0900");
        var second = await world.OpenTicketAsync("Scanner jams", "Every page.", "Mon, 5 Jan 2026 18:00:00 +0900");
        await world.DrainAsync();

        // Answered at once, so the acknowledgments' promises are kept (a broken one would bring an apology first).
        await world.ChangeAsync(first.Id, world.Planner.OnAgentPublicReply);
        await world.ChangeAsync(second.Id, world.Planner.OnAgentPublicReply);

        // 16 business hours later is Tuesday 17:00 London = Wednesday 02:00 in Tokyo: it waits for 08:00 there (23:00 UTC).
        var morning = new DateTimeOffset(2026, 1, 7, 8, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(morning, (await world.Store.GetAsync(first.Id, default))!.Sla.StatusNoteDue);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 1, 6, 17, 0, 0, TimeSpan.Zero));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        Assert.Equal(2, world.Sent.Count);

        world.Time.SetUtcNow(morning);
        var report = await world.SweepAsync(DueKinds.FollowUpSweep);

        var digest = Assert.Single(world.Sent.Skip(2));
        Assert.Equal(2, report.Acted);
        Assert.Equal(["jane@example.com"], digest.To);
        Assert.Equal("News on 2 of your requests", digest.Subject);
        Assert.Equal("auto-generated", digest.MailHeader("Auto-Submitted"));
        Assert.Equal("en", digest.MailHeader("Content-Language"));
        Assert.Null(digest.MailHeader("In-Reply-To"));
        var text = digest.Content("text/plain")!;
        Assert.Contains($"[#{first.Id}] Printer on fire: still open", text, StringComparison.Ordinal);
        Assert.Contains($"[#{second.Id}] Scanner jams: still open", text, StringComparison.Ordinal);
        var anchor = string.CompareOrdinal(first.Id.Value, second.Id.Value) < 0 ? first : second;
        var member = anchor == first ? second : first;
        Assert.Equal(anchor.Id.ToString(), digest.CustomArg("ticket"));
        var memberEvents = await world.Store.GetEventsAsync(member.Id, default);
        Assert.Contains(memberEvents, e => e.Kind == TicketEventKinds.StatusNoteQueued && e.Detail.Contains($"digest email {anchor.Id}/out-", StringComparison.Ordinal));
        Assert.Equal(1, (await world.Store.GetAsync(member.Id, default))!.OutboxCount);
    }

    [Fact]
    public async Task EscalationRemindersOfOneRun_GoToTheTeamAsOneDigest()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var tickets = new List<Ticket>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await world.OpenTicketAsync($"Question {i}"));
        }

        await world.DrainAsync();
        world.Time.Advance(TimeSpan.FromHours(6));
        await world.SweepAsync(DueKinds.EscalationSweep);

        var digest = Assert.Single(world.Sent.Skip(3));
        Assert.Equal(["support@example.com"], digest.To);
        Assert.Equal("SLA digest: 3 notices on 3 tickets", digest.Subject);
        Assert.Equal(string.Join(",", tickets.Select(t => t.Id.ToString()).Order(StringComparer.Ordinal)), digest.CustomArg("tickets"));
        foreach (var t in tickets)
        {
            Assert.Contains($"[#{t.Id}] {t.Subject} (jane@example.com): first response 75% (reminder)", digest.Content("text/plain"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CrashBetweenAnchorAndMember_NextRunNamesTheMemberAgainButSendsNoEmailTwice()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var a = await world.OpenTicketAsync("First");
        var b = await world.OpenTicketAsync("Second");
        await world.DrainAsync();
        var (anchor, member) = string.CompareOrdinal(a.Id.Value, b.Id.Value) < 0 ? (a, b) : (b, a);
        world.Time.Advance(TimeSpan.FromHours(6));

        var crashing = new CrashingStore(world.Store, member.Id);
        await Assert.ThrowsAsync<IOException>(() => world.Sweeper(store: crashing).RunAsync(DueKinds.EscalationSweep, default));
        await world.DrainAsync();
        var digest = Assert.Single(world.Sent.Skip(2));
        Assert.Contains($"[#{member.Id}]", digest.Content("text/plain"), StringComparison.Ordinal);

        await world.SweepAsync(DueKinds.EscalationSweep);
        await world.SweepAsync(DueKinds.EscalationSweep);

        var after = world.Sent.Skip(2).ToList();
        Assert.Equal(2, after.Count);
        Assert.Equal(after.Count, after.Select(r => r.MailHeader("Message-ID")).Distinct().Count());
        Assert.Contains($"[#{member.Id}]", after[1].Subject, StringComparison.Ordinal);
        Assert.Equal(member.Id.ToString(), after[1].CustomArg("ticket"));
        Assert.Equal(1, (await world.Store.GetAsync(anchor.Id, default))!.Sla.FirstResponse!.LevelsFired);
        Assert.Equal(1, (await world.Store.GetAsync(member.Id, default))!.Sla.FirstResponse!.LevelsFired);
    }

    /// <summary>The real store, except that the first commit of one ticket dies as a process would (after nothing was written).</summary>
    private sealed class CrashingStore(ITicketStore inner, TicketId victim) : ITicketStore
    {
        private int _crashes;

        public Task<CommittedChange> CommitAsync(TicketCommit commit, CancellationToken cancellationToken) =>
            commit.Ticket.Id == victim && Interlocked.Increment(ref _crashes) == 1
                ? throw new IOException("the process died")
                : inner.CommitAsync(commit, cancellationToken);

        public Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken) => inner.GetOutboxAsync(id, sequence, cancellationToken);

        public Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken) => inner.TryUpdateOutboxAsync(item, cancellationToken);

        public Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken) => inner.GetPendingOutboxAsync(id, cancellationToken);

        public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken) => inner.GetMessagesAsync(id, cancellationToken);

        public Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken) => inner.GetEventsAsync(id, cancellationToken);
    }
}
