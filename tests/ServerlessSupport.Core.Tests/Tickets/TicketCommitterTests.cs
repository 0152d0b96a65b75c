using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Tickets;

public sealed class TicketCommitterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TicketId Id = TicketId.Parse("K7M2QX9P");

    private readonly Mock<ITicketStore> _store = new(MockBehavior.Strict);
    private readonly List<(int Sequence, TimeSpan? Delay, bool Committed)> _queued = [];
    private readonly Mock<IDispatchQueue> _dispatch = new();
    private bool _committed;

    public TicketCommitterTests()
    {
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>()))
            .Callback(() => _committed = true)
            .ReturnsAsync((TicketCommit c, CancellationToken _) => c.Ticket with { Version = "v2" });
        _dispatch.Setup(d => d.EnqueueAsync(Id, It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Callback((TicketId _, int sequence, TimeSpan? delay, CancellationToken _) => _queued.Add((sequence, delay, _committed)))
            .Returns(Task.CompletedTask);
    }

    private TicketCommitter Committer() =>
        new(_store.Object, _dispatch.Object, Options.Create(new DispatchOptions { ClaimDuration = TimeSpan.FromMinutes(2) }), NullLogger<TicketCommitter>.Instance);

    private static OutboxItem Row(int sequence, OutboxState state = OutboxState.Pending, string? version = null) => new()
    {
        TicketId = Id,
        Sequence = sequence,
        Kind = "reply",
        Email = new OutboundEmail(new Mailbox("support@example.test"), [new Mailbox("jane@example.com")], "s", "t", null, "<o@example.test>", null, [], null),
        State = state,
        CreatedAt = At,
        Version = version,
    };

    private static TicketCommit Commit(params OutboxItem[] outbox) => new(new Ticket
    {
        Id = Id,
        Status = TicketStatus.Open,
        Priority = Priority.Normal,
        Customer = new Mailbox("jane@example.com"),
        Subject = "Printer",
        CreatedAt = At,
        UpdatedAt = At,
        Version = "v1",
    })
    {
        Outbox = outbox,
    };

    [Fact]
    public async Task CommitAsync_Redelivery_QueuesOnlyPendingRowsAndOnlyAfterTheCommit()
    {
        var committed = await Committer().CommitAsync(Commit(Row(1), Row(2, OutboxState.Failed)), OutboxSafety.Redelivery, default);

        Assert.Equal("v2", committed.Version);
        Assert.Equal([(1, (TimeSpan?)null, true)], _queued);
    }

    [Fact]
    public async Task CommitAsync_DelayedMessage_QueuesASafetyNetForNewRowsBeforeTheCommit()
    {
        await Committer().CommitAsync(Commit(Row(3), Row(2, version: "old")), OutboxSafety.DelayedMessage, default);

        Assert.Equal(
            [(3, TimeSpan.FromMinutes(2), false), (3, null, true), (2, null, true)],
            _queued);
    }

    [Fact]
    public async Task CommitAsync_QueueFailsAfterCommitWithSafetyNet_ReportsTheChangeAsCommitted()
    {
        _dispatch.Setup(d => d.EnqueueAsync(Id, 4, null, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("queue down"));

        var committed = await Committer().CommitAsync(Commit(Row(4)), OutboxSafety.DelayedMessage, default);

        Assert.Equal("v2", committed.Version);
    }

    [Fact]
    public async Task CommitAsync_QueueFailsAfterCommitWithoutSafetyNet_Throws()
    {
        _dispatch.Setup(d => d.EnqueueAsync(Id, 4, null, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("queue down"));

        await Assert.ThrowsAsync<IOException>(() => Committer().CommitAsync(Commit(Row(4)), OutboxSafety.Redelivery, default));
    }

    [Fact]
    public async Task CommitAsync_Conflict_QueuesNothingButTheSafetyNet()
    {
        _store.Setup(s => s.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TicketConflictException("stale"));

        await Assert.ThrowsAsync<TicketConflictException>(() => Committer().CommitAsync(Commit(Row(5)), OutboxSafety.DelayedMessage, default));

        Assert.Equal([(5, TimeSpan.FromMinutes(2), false)], _queued);
    }

    [Fact]
    public async Task RedispatchPendingAsync_PendingRows_QueuesEach()
    {
        _store.Setup(s => s.GetPendingOutboxAsync(Id, It.IsAny<CancellationToken>())).ReturnsAsync([Row(1), Row(3)]);

        await Committer().RedispatchPendingAsync(Id, default);

        Assert.Equal([1, 3], _queued.Select(q => q.Sequence));
    }
}
