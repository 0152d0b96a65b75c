using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Sweeps;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tests.Sla;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Intake;

/// <summary>The handler's retry loop, at its ports: what it does once per email however often the commit is retried.</summary>
public sealed class ProcessInboundHandlerTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly SupportIdentity Support = new("support@example.test", "Example Support");

    private readonly Mock<IInboundPayloadStore> _payloads = new();
    private readonly Mock<IMessageIndex> _index = new();
    private readonly Mock<ITicketStore> _tickets = new();
    private readonly Mock<ISenderThrottle> _throttle = new();
    private readonly Mock<IDispatchQueue> _dispatch = new();
    private readonly Mock<IEmailSender> _sender = new();
    private readonly Mock<IPaceSamples> _samples = new();
    private readonly Mock<IAgentDirectory> _agents = new();
    private readonly List<TicketCommit> _commits = [];

    private ProcessInboundHandler Handler()
    {
        var time = new FakeTimeProvider(At);
        _samples.Setup(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _samples.Setup(s => s.ReadResolutionsSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _agents.Setup(a => a.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var options = Options.Create(new DispatchOptions());
        var dispatcher = new OutboxDispatcher(_tickets.Object, _sender.Object, _dispatch.Object, time, options, NullLogger<OutboxDispatcher>.Instance);
        var committer = new TicketCommitter(_tickets.Object, _dispatch.Object, dispatcher, time, options, NullLogger<TicketCommitter>.Instance);
        var recorder = new InboundRecorder(
            _payloads.Object,
            _index.Object,
            committer,
            _throttle.Object,
            new TicketComposer(SlaTicketBuilder.ShippedPolicy, Support, time),
            new TeamPace(_samples.Object, SlaTicketBuilder.ShippedPolicy, time),
            _agents.Object,
            NullLogger<InboundRecorder>.Instance);
        var composer = new TicketComposer(SlaTicketBuilder.ShippedPolicy, Support, time);
        var agentMail = new AgentMailHandler(
            new ReplyAddresses(new ReplyAddressKeys(null), Support),
            _agents.Object,
            _tickets.Object,
            committer,
            new AgentActions(new SlaPlanner(SlaTicketBuilder.ShippedPolicy), Support),
            composer,
            _payloads.Object,
            _throttle.Object,
            Support,
            new SlaSettings("https://support.example.test", null),
            time,
            NullLogger<AgentMailHandler>.Instance);
        return new ProcessInboundHandler(
            _payloads.Object,
            new ThreadResolver(_index.Object, _tickets.Object, Support),
            recorder,
            agentMail,
            Mock.Of<IIntakeRecords>(),
            Support,
            time,
            NullLogger<ProcessInboundHandler>.Instance);
    }

    private static InboundQueueMessage Pointer()
    {
        var json = """
            {"from":"Jane <jane@example.com>","to":["support@example.test"],"subject":"Invoice","text":"See attached.",
             "messageId":"<m1@example.com>","attachments":[{"fileName":"a.pdf","contentType":"application/pdf","contentBase64":"JVBERg=="}]}
            """;
        return new InboundQueueMessage("2026/p1", InboundQueueMessage.JsonFormat, "application/json", At).WithInline(Encoding.UTF8.GetBytes(json))!;
    }

    [Fact]
    public async Task HandleAsync_CommitConflictsTwice_StoresAttachmentsAndSpendsTheThrottleOnceAndSendsTheAckOnce()
    {
        _index.Setup(i => i.ClaimAsync("<m1@example.com>", It.IsAny<TicketId>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, TicketId proposed, CancellationToken _) => proposed);
        _payloads.Setup(p => p.SaveAttachmentAsync(It.IsAny<string>(), 0, "a.pdf", "application/pdf", It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("m/00-a.pdf");
        _throttle.Setup(t => t.TryConsumeAsync("jane@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var attempts = 0;
        _tickets.Setup(t => t.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>()))
            .Callback((TicketCommit c, CancellationToken _) => _commits.Add(c))
            .Returns((TicketCommit c, CancellationToken _) => ++attempts < 3
                ? Task.FromException<CommittedChange>(new TicketConflictException("created concurrently"))
                : Task.FromResult(new CommittedChange(c.Ticket with { Version = "v1" }, [.. c.Outbox.Select(o => o with { Version = "e1" })])));
        _sender.Setup(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new SendResult.Sent("sg"));
        _tickets.Setup(t => t.TryUpdateOutboxAsync(It.IsAny<OutboxItem>(), It.IsAny<CancellationToken>())).ReturnsAsync((OutboxItem o, CancellationToken _) => o);

        await Handler().HandleAsync(Pointer(), default);

        Assert.Equal(3, _commits.Count);
        _payloads.Verify(p => p.SaveAttachmentAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.TryConsumeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.All(_commits, c => Assert.Single(c.Outbox));
        Assert.Equal("m/00-a.pdf", Assert.Single(_commits[^1].Messages[0].Attachments).BlobName);
        _sender.Verify(s => s.SendAsync(It.IsAny<OutboundEmail>(), It.IsAny<CancellationToken>()), Times.Once);
        _tickets.Verify(t => t.TryUpdateOutboxAsync(It.Is<OutboxItem>(o => o.State == OutboxState.Sent && o.Version == "e1"), It.IsAny<CancellationToken>()), Times.Once);
        _dispatch.Verify(d => d.EnqueueAsync(It.IsAny<TicketId>(), It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_AlreadyRecorded_RedispatchesWhatIsStillPending()
    {
        _index.Setup(i => i.ClaimAsync("<m1@example.com>", It.IsAny<TicketId>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, TicketId proposed, CancellationToken _) => proposed);
        _throttle.Setup(t => t.TryConsumeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _tickets.Setup(t => t.CommitAsync(It.IsAny<TicketCommit>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DuplicateChangeException("m"));
        var pending = new OutboxItem
        {
            TicketId = TicketId.Parse("K7M2QX9P"),
            Sequence = 1,
            Kind = "ack",
            Email = new OutboundEmail(new Mailbox(Support.Address), [new Mailbox("jane@example.com")], "s", "t", null, "<o@example.test>", null, [], "auto-replied"),
            State = OutboxState.Pending,
            CreatedAt = At,
        };
        _tickets.Setup(t => t.GetPendingOutboxAsync(It.IsAny<TicketId>(), It.IsAny<CancellationToken>())).ReturnsAsync([pending]);

        await Handler().HandleAsync(Pointer(), default);

        _dispatch.Verify(d => d.EnqueueAsync(It.IsAny<TicketId>(), 1, null, It.IsAny<CancellationToken>()), Times.Once);
    }
}
