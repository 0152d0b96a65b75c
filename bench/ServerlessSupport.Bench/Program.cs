using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Bench;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;

// Sweep benchmark: seeds open tickets into a fresh Azurite, then runs the escalation sweep once with 1% of the
// tickets due and once with none due, counting the table entities each run reads. Usage: [tickets] [concurrency].
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 24;
var dueNow = Math.Max(1, total / 100);

await using var azurite = await AzuriteProcess.StartAsync();
var counter = new EntityReadCounter();
var options = new TableClientOptions();
options.Retry.NetworkTimeout = TimeSpan.FromMinutes(5);
options.AddPolicy(counter, HttpPipelinePosition.PerCall);
var service = new TableServiceClient(azurite.ConnectionString, options);
var tickets = service.GetTableClient("BenchTickets");
var due = new TableDueIndex(service.GetTableClient("BenchDue"));
await tickets.CreateIfNotExistsAsync();
await due.Table.CreateIfNotExistsAsync();

var policy = SupportPolicyLoader.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "policy.json")));
var planner = new SlaPlanner(policy);
var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

var seedClock = Stopwatch.StartNew();
await new Seeder(tickets, due, planner, concurrency).SeedAsync(total, dueNow, time.GetUtcNow(), default);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded_tickets={total} seed_ms={seedClock.ElapsedMilliseconds}"));

var dispatch = new NullDispatchQueue();
var composer = new SlaActionComposer(policy, new SupportIdentity("support@example.com", "Support"), new SlaSettings("http://127.0.0.1:7071", null));
var store = new TableTicketStore(tickets, due);
var dispatchOptions = Options.Create(new DispatchOptions());
var sender = new NullEmailSender();
var dispatcher = new OutboxDispatcher(store, sender, dispatch, time, dispatchOptions, NullLogger<OutboxDispatcher>.Instance);
var committer = new TicketCommitter(store, dispatch, dispatcher, time, dispatchOptions, NullLogger<TicketCommitter>.Instance);
var pace = new TeamPace(new TablePaceSamples(tickets), policy, time);
var agents = new TableAgentDirectory(service.GetTableClient("BenchAgents"), time);
var sweeper = new SlaSweepHandler(due, store, committer, planner, composer, pace, agents, time, NullLogger<SlaSweepHandler>.Instance)
{
    Parallelism = 16,
};

counter.Reset();
var clock = Stopwatch.StartNew();
var report = await sweeper.RunAsync(DueKinds.EscalationSweep, default);
var dueMs = clock.ElapsedMilliseconds;
var readPerDue = report.Rows == 0 ? 0 : (double)counter.Entities / report.Rows;
// Notices to the same recipients in one run go out as digests: count the tickets the emails cover. The sweep sends
// them right after each commit; any it handed to the queue (none with this sender) are read back from their rows.
var covered = new HashSet<string>(StringComparer.Ordinal);
var emails = sender.Sent.ToList();
foreach (var (anchor, sequence) in dispatch.Queued)
{
    if (await store.GetOutboxAsync(anchor, sequence, default) is { } item)
    {
        emails.Add(item.Email);
    }
}

foreach (var email in emails)
{
    var listed = email.Tags.GetValueOrDefault("tickets") ?? email.Tags.GetValueOrDefault("ticket") ?? string.Empty;
    covered.UnionWith(listed.Split(',', StringSplitOptions.RemoveEmptyEntries));
}

if (report.Acted != dueNow || covered.Count != dueNow)
{
    Console.Error.WriteLine($"expected {dueNow} tickets acted on and covered by the emails, got {report.Acted} and {covered.Count}");
    return 1;
}

counter.Reset();
clock.Restart();
var none = await sweeper.RunAsync(DueKinds.EscalationSweep, default);
var noneMs = clock.ElapsedMilliseconds;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep_due={report.Rows} sweep_ms={dueMs} entities_read_per_due={readPerDue:0.00} emails_sent={sender.Sent.Count} emails_queued={dispatch.Count} tickets_in_them={covered.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep_none_due_ms={noneMs} entities_read_none_due={counter.Entities}"));
return none.Rows == 0 ? 0 : 1;
