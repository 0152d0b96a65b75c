using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Tickets;

/// <summary>Commit, then send: the ports of the committer and the one dispatch step (storage itself is tested on Azurite).</summary>
public sealed class TicketCommitterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TicketId Id = TicketId.Parse("K7M2QX9P");

    private readonly FakeTimeProvider _time = new(At);
    private readonly Mock<ITicketStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IEmailSender> _sender = new(MockBehavior.Strict);
    private readonly List<(int Sequence, TimeSpan? Delay, bool Committed)> _queued = [];
    private readonly List<OutboxItem> _updated = [];
    private readonly List<TicketCommit> _commits = [];
    private readonly Mock<IDispatchQueue> _dispatch = new();
    private bool _committed;

    public TicketCommitterTests()
    {
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>()))
            .Callback(() => _committed = true)
            .ReturnsAsync((TicketCommit c, CancellationToken _) =>
            {
                _commits.Add(c);
                return new CommittedChange(c.Ticket with { Version = "v2" }, [.. c.Outbox.Select(o => o with { Version = $"e{o.Sequence}" })]);
            });
        _store.Setup(s => s.TryUpdateOutboxAsync(It.IsAny<OutboxItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OutboxItem o, CancellationToken _) =>
            {
                _updated.Add(o);
                return o with { Version = o.Version + "+" };
            });
        _dispatch.Setup(d => d.EnqueueAsync(Id, It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((TicketId _, int sequence, TimeSpan? delay, CancellationToken _) => _queued.Add((sequence, delay, _committed)))
            .Returns(Task.CompletedTask);
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendResult.Sent("sg-1"));
    }

    private TicketCommitter Committer()
    {
        var options = Options.Create(new DispatchOptions { ClaimDuration = TimeSpan.FromMinutes(2), FirstRetryDelay = TimeSpan.FromSeconds(15), InlineBudget = TimeSpan.FromSeconds(5) });
        var dispatcher = new OutboxDispatcher(_store.Object, _sender.Object, _dispatch.Object, _time, options, NullLogger<OutboxDispatcher>.Instance);
        return new(_store.Object, _dispatch.Object, dispatcher, _time, options, NullLogger<TicketCommitter>.Instance);
    }

    private static OutboxItem Row(int sequence, OutboxState state = OutboxState.Pending, string? version = null) => new()
    {
        TicketId = Id,
        Sequence = sequence,
        Kind = "reply",
        Email = new OutboundEmail(new Mailbox("support@example.test"), [new Mailbox("jane@example.com")], "s", "t", null, $"<o{sequence}@example.test>", null, [], null),
        State = state,
        CreatedAt = At,
        Version = version,
    };

    private static Ticket Ticket() => new()
    {
        Id = Id,
        Status = TicketStatus.Open,
        Priority = Priority.Normal,
        Customer = new Mailbox("jane@example.com"),
        Subject = "Printer",
        CreatedAt = At,
        UpdatedAt = At,
        Version = "v1",
    };

    private static TicketCommit Commit(params OutboxItem[] outbox) => new(Ticket()) { Outbox = outbox };

    [Fact]
    public async Task CommitAsync_NewEmail_ClaimedByTheCommitThenSentAndMarkedWithoutAQueue()
    {
        var committed = await Committer().CommitAsync(Commit(Row(1), Row(2, OutboxState.Failed, version: "f")), OutboxSafety.Redelivery, default);

        Assert.Equal("v2", committed.Ticket.Version);
        var claimed = _commits.Single().Outbox[0];
        Assert.Equal((At + TimeSpan.FromMinutes(2), 1), (claimed.ClaimedUntil, claimed.Attempts));
        var sent = Assert.Single(_updated);
        Assert.Equal((1, OutboxState.Sent, "e1", "sg-1", (DateTimeOffset?)null), (sent.Sequence, sent.State, sent.Version, sent.ProviderMessageId, sent.ClaimedUntil));
        Assert.Empty(_queued);
    }

    [Fact]
    public async Task CommitAsync_ProviderRefusesForNow_QueuedWithBackoffThenClaimReleased()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendResult.RetryLater(null, "503"));

        await Committer().CommitAsync(Commit(Row(1)), OutboxSafety.Redelivery, default);

        Assert.Equal([(1, (TimeSpan?)TimeSpan.FromSeconds(15), true)], _queued);
        var released = Assert.Single(_updated);
        Assert.Equal((OutboxState.Pending, (DateTimeOffset?)null, "503"), (released.State, released.ClaimedUntil, released.Error));
    }

    [Fact]
    public async Task CommitAsync_ProviderSlowerThanTheBudget_QueuedForWhenTheClaimRunsOutAndLeftClaimed()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>()))
            .Returns(async (OutboundEmail _, CancellationToken ct) =>
            {
                _time.Advance(TimeSpan.FromSeconds(6));
                await Task.Delay(Timeout.Infinite, ct);
                return new SendResult.Sent("never");
            });

        await Committer().CommitAsync(Commit(Row(1)), OutboxSafety.Redelivery, default);

        Assert.Equal([(1, (TimeSpan?)TimeSpan.FromSeconds(115), true)], _queued);
        Assert.Empty(_updated);
    }

    [Fact]
    public async Task CommitAsync_DelayedMessage_SafetyNetBeforeTheCommitDueWhenTheClaimRunsOut()
    {
        await Committer().CommitAsync(Commit(Row(3), Row(2, version: "old")), OutboxSafety.DelayedMessage, default);

        Assert.Equal([(3, TimeSpan.FromMinutes(2), false), (2, null, true)], _queued);
        Assert.Equal(3, Assert.Single(_updated).Sequence);
    }

    [Fact]
    public async Task CommitAsync_SendFailsAfterCommitWithSafetyNet_ReportsTheChangeAsCommitted()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("network"));

        var committed = await Committer().CommitAsync(Commit(Row(4)), OutboxSafety.DelayedMessage, default);

        Assert.Equal("v2", committed.Ticket.Version);
        Assert.Equal([(4, (TimeSpan?)TimeSpan.FromMinutes(2), false)], _queued);
    }

    [Fact]
    public async Task CommitAsync_SendFailsAfterCommitWithoutSafetyNet_ThrowsSoTheTriggerComesBack()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("network"));

        await Assert.ThrowsAsync<IOException>(() => Committer().CommitAsync(Commit(Row(4)), OutboxSafety.Redelivery, default));
    }

    [Fact]
    public async Task CommitAsync_Conflict_SendsNothingQueuesOnlyTheSafetyNet()
    {
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TicketConflictException("stale"));

        await Assert.ThrowsAsync<TicketConflictException>(() => Committer().CommitAsync(Commit(Row(5)), OutboxSafety.DelayedMessage, default));

        Assert.Equal([(5, TimeSpan.FromMinutes(2), false)], _queued);
        _sender.Verify(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ChangeAsync_ConflictTwice_ReadsAndDecidesAgainThenCommits()
    {
        var reads = 0;
        _store.Setup(s => s.GetAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(() => Ticket() with { Version = $"r{++reads}" });
        var commits = 0;
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TicketCommit c, CancellationToken _) => ++commits < 3 ? throw new TicketConflictException("moved") : new CommittedChange(c.Ticket, []));
        var seen = new List<(string? Version, int Attempt)>();

        var committed = await Committer().ChangeAsync(Id, (t, attempt) => { seen.Add((t?.Version, attempt)); return ValueTask.FromResult<TicketCommit?>(new TicketCommit(t!)); }, OutboxSafety.Redelivery, default);

        Assert.Equal([("r1", 0), ("r2", 1), ("r3", 2)], seen);
        Assert.Equal("r3", committed!.Ticket.Version);
    }

    [Fact]
    public async Task ChangeAsync_FirstReadGiven_SparesTheFirstReadAndStopsWhenNothingToWrite()
    {
        var committed = await Committer().ChangeAsync(Id, (t, _) => ValueTask.FromResult<TicketCommit?>(null), OutboxSafety.Redelivery, default, new FirstRead(Ticket()));

        Assert.Null(committed);
        _store.Verify(s => s.GetAsync(It.IsAny<TicketId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ChangeAsync_AlwaysConflicting_GivesUpAfterTheLimit()
    {
        _store.Setup(s => s.GetAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(Ticket());
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TicketConflictException("moved"));
        var attempts = 0;

        await Assert.ThrowsAsync<TicketConflictException>(() => Committer().ChangeAsync(Id, (t, _) => { attempts++; return ValueTask.FromResult<TicketCommit?>(new TicketCommit(t!)); }, OutboxSafety.Redelivery, default));

        Assert.Equal(TicketCommitter.MaxAttempts, attempts);
    }

    [Fact]
    public async Task DispatchAsync_RejectedForGood_RowMarkedFailedWithAnEvent()
    {
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendResult.Rejected(400, "bad address"));
        _store.Setup(s => s.GetAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync(Ticket() with { EventCount = 2, OutboxCount = 1 });
        _store.Setup(s => s.GetOutboxAsync(Id, 1, It.IsAny<CancellationToken>())).ReturnsAsync(Row(1, version: "e1"));

        await Committer().DispatchAsync(Row(1, version: "e1") with { Attempts = 1 }, default);

        var commit = Assert.Single(_commits);
        var failed = Assert.Single(commit.Outbox);
        Assert.Equal((OutboxState.Failed, "rejected (400): bad address"), (failed.State, failed.Error));
        Assert.Equal((3, TicketEventKinds.EmailFailed), (Assert.Single(commit.Events).Sequence, commit.Events[0].Kind));
    }

    [Fact]
    public async Task RedispatchPendingAsync_PendingRows_QueuesEach()
    {
        _store.Setup(s => s.GetPendingOutboxAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([Row(1), Row(3)]);

        await Committer().RedispatchPendingAsync(Id, default);

        Assert.Equal([1, 3], _queued.Select(q => q.Sequence));
    }
}
