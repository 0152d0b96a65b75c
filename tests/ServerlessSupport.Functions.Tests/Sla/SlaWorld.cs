using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Sla;

/// <summary>
/// The SLA pipeline on real storage (Azurite) and a local SendGrid, driven by a fake clock: intake's composer, the ticket
/// store with its due index, both sweeps, the committer sending right after each commit through the SendGrid sender,
/// DispatchEmail, and the survey recorder. The dispatch queue (what the provider refused for now, and redispatches) is a
/// list the test drains; "sent" means "reached the SendGrid server".
/// </summary>
internal sealed class SlaWorld : IAsyncDisposable
{
    public const string SigningKey = "test-survey-key";

    public const string ReplyKeys = "1:test-reply-address-key";

    private readonly HttpClient _http = new();
    private readonly DispatchEmailHandler _dispatcher;
    private readonly SendGridEmailSender _sender;
    private readonly TicketComposer _composer;

    private SlaWorld(AzuriteFixture azurite, FakeSendGridServer sendGrid, FakeTimeProvider time, SupportPolicy policy)
    {
        SendGrid = sendGrid;
        Time = time;
        Policy = policy;
        Due = new TableDueIndex(azurite.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("due")));
        TicketsTable = azurite.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("tickets"));
        Store = new TableTicketStore(TicketsTable, Due);
        _sender = new SendGridEmailSender(_http, Options.Create(new SendGridOptions { ApiKey = sendGrid.ApiKey, BaseUrl = sendGrid.BaseUrl }), time, NullLogger<SendGridEmailSender>.Instance);
        Committer = NewCommitter(Store);
        Planner = new SlaPlanner(policy);
        Support = new SupportIdentity("support@example.test", "Example Support");
        Settings = new SlaSettings("https://support.example.test", new SurveyTokens(SigningKey)) { Replies = new ReplyAddresses(new ReplyAddressKeys(ReplyKeys), Support) };
        _dispatcher = new DispatchEmailHandler(Store, Committer, Queue, time, Options.Create(new DispatchOptions()), NullLogger<DispatchEmailHandler>.Instance);
        _composer = new TicketComposer(policy, Support, time);
        Survey = new SurveyRecorder(Store, Committer, Settings, policy, time);
        Pace = new TeamPace(new TablePaceSamples(TicketsTable), policy, time);
        Agents = new TableAgentDirectory(azurite.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("agents")), time);
    }

    /// <summary>The agents' profiles, in this world's own table.</summary>
    public TableAgentDirectory Agents { get; }

    /// <summary>The team's pace read from this world's ticket rows (the promises' estimate).</summary>
    public TeamPace Pace { get; }

    public FakeSendGridServer SendGrid { get; }

    public FakeTimeProvider Time { get; }

    public SupportPolicy Policy { get; }

    public TableDueIndex Due { get; }

    public Azure.Data.Tables.TableClient TicketsTable { get; }

    public TableTicketStore Store { get; }

    public TicketCommitter Committer { get; }

    public SlaPlanner Planner { get; }

    public SupportIdentity Support { get; }

    public SlaSettings Settings { get; }

    public RecordingDispatchQueue Queue { get; } = new();

    public SurveyRecorder Survey { get; }

    public static async Task<SlaWorld> StartAsync(AzuriteFixture azurite, DateTimeOffset start, SupportPolicy? policy = null)
    {
        var time = new FakeTimeProvider(start);
        var sendGrid = await FakeSendGridServer.StartAsync();
        policy ??= SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")));
        var world = new SlaWorld(azurite, sendGrid, time, policy);
        await world.TicketsTable.CreateIfNotExistsAsync();
        await world.Due.Table.CreateIfNotExistsAsync();
        return world;
    }

    /// <param name="store">The store the sweep commits through (a test may wrap <see cref="Store"/> to inject a crash).</param>
    public SlaSweepHandler Sweeper(int parallelism = 4, ITicketStore? store = null)
    {
        var tickets = store ?? Store;
        var committer = store is null ? Committer : NewCommitter(tickets);
        return new(Due, tickets, committer, Planner, new SlaActionComposer(Policy, Support, Settings), Pace, Agents, Time, NullLogger<SlaSweepHandler>.Instance) { Parallelism = parallelism };
    }

    private TicketCommitter NewCommitter(ITicketStore store)
    {
        var options = Options.Create(new DispatchOptions());
        var dispatcher = new OutboxDispatcher(store, _sender, Queue, Time, options, NullLogger<OutboxDispatcher>.Instance);
        return new TicketCommitter(store, Queue, dispatcher, Time, options, NullLogger<TicketCommitter>.Instance);
    }

    /// <summary>A customer's new mail, recorded as intake does it (ticket, message, events, acknowledgment in one commit).</summary>
    /// <param name="date">The mail's Date header (the customer's UTC offset comes from it); none when null.</param>
    /// <param name="roster">The agents as intake saw them (who asked to hear of new tickets).</param>
    public async Task<Ticket> OpenTicketAsync(string subject = "Printer on fire", string text = "It smokes.", string? date = null, AgentRoster? roster = null)
    {
        var dateField = date is null ? string.Empty : $",\"date\":\"{date}\"";
        var json = $$"""
            {"from":"Jane Doe <jane@example.com>","to":["support@example.test"],"subject":"{{subject}}","text":"{{text}}",
             "messageId":"<{{Guid.NewGuid():N}}@example.com>"{{dateField}}}
            """;
        var parsed = JsonInboundPayload.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(parsed.Succeeded, parsed.FailureReason);
        var email = parsed.Email;
        var inbound = new InboundContext(
            new InboundQueueMessage("blob", InboundQueueMessage.JsonFormat, "application/json", Time.GetUtcNow()),
            email,
            [],
            email.MessageId!,
            MessageMarkers.For(email.MessageId!),
            AutomaticMailClassifier.Classify(email, Support.Address));
        var commit = _composer.NewTicket(TicketId.New(), inbound, [], acknowledge: true, roster: roster);
        return (await Committer.CommitAsync(commit, OutboxSafety.Redelivery, default)).Ticket;
    }

    /// <summary>The customer writes again (a reply threaded to the ticket).</summary>
    public async Task<Ticket> CustomerRepliesAsync(TicketId id, AgentRoster? roster = null)
    {
        var ticket = (await Store.GetAsync(id, default))!;
        var json = $$"""{"from":"jane@example.com","to":["support@example.test"],"subject":"Re: [#{{id}}] Printer","text":"More.","messageId":"<{{Guid.NewGuid():N}}@example.com>"}""";
        var email = JsonInboundPayload.Parse(Encoding.UTF8.GetBytes(json)).Email!;
        var inbound = new InboundContext(new InboundQueueMessage("blob", InboundQueueMessage.JsonFormat, "application/json", Time.GetUtcNow()), email, [], email.MessageId!, MessageMarkers.For(email.MessageId!), AutomaticMailClassifier.Classify(email, Support.Address));
        return (await Store.CommitAsync(_composer.Append(ticket, inbound, [], roster: roster), default)).Ticket;
    }

    /// <summary>What the agent API does: apply a planner operation to the stored ticket and commit it.</summary>
    public async Task<Ticket> ChangeAsync(TicketId id, Func<Ticket, DateTimeOffset, Ticket> change)
    {
        var ticket = (await Store.GetAsync(id, default))!;
        var now = Time.GetUtcNow();
        return (await Store.CommitAsync(new TicketCommit(change(ticket, now) with { UpdatedAt = now }), default)).Ticket;
    }

    /// <summary>An agent's change as the API commits it: the commit's emails go out right after.</summary>
    public async Task<Ticket> CommitAsync(TicketId id, Func<Ticket, DateTimeOffset, TicketCommit> change)
    {
        var ticket = (await Store.GetAsync(id, default))!;
        var committed = (await Committer.CommitAsync(change(ticket, Time.GetUtcNow()), OutboxSafety.Redelivery, default)).Ticket;
        await DrainAsync();
        return committed;
    }

    /// <summary>An agent's public reply as the API commits it (the mail goes out right after), with an optional promise.</summary>
    public async Task<Ticket> AgentRepliesAsync(TicketId id, string text, AgentPromise? promise = null, string agent = "alice")
    {
        var ticket = (await Store.GetAsync(id, default))!;
        var commit = new AgentActions(Planner, Support).Reply(ticket, agent, text, isPublic: true, Time.GetUtcNow(), promise);
        var committed = (await Committer.CommitAsync(commit, OutboxSafety.Redelivery, default)).Ticket;
        await DrainAsync();
        return committed;
    }

    public async Task<SweepReport> SweepAsync(string sweep)
    {
        var report = await Sweeper().RunAsync(sweep, default);
        await DrainAsync();
        return report;
    }

    /// <summary>Runs DispatchEmail for every queued request (duplicates included, as a queue may deliver them).</summary>
    public async Task DrainAsync()
    {
        while (Queue.TryTake(out var request))
        {
            await _dispatcher.HandleAsync(request, default);
        }
    }

    public IReadOnlyList<FakeSendGridRequest> Sent => SendGrid.Requests;

    public async Task<IReadOnlyList<string>> DueRowsAsync(Func<string, bool>? where = null)
    {
        var rows = new List<string>();
        await foreach (var e in Due.Table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (where?.Invoke(e.RowKey) != false)
            {
                rows.Add(e.RowKey);
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await SendGrid.DisposeAsync();
    }
}

/// <summary>An in-memory outbound queue: records what would be queued; the test hands it to DispatchEmail.</summary>
internal sealed class RecordingDispatchQueue : IDispatchQueue
{
    private readonly ConcurrentQueue<DispatchRequest> _requests = new();

    public int Enqueued { get; private set; }

    public Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        _requests.Enqueue(new DispatchRequest(ticket.ToString(), outboxSequence));
        Enqueued++;
        return Task.CompletedTask;
    }

    public bool TryTake(out DispatchRequest request) => _requests.TryDequeue(out request!);
}
