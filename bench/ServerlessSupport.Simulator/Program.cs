using System.Diagnostics;
using System.Globalization;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Simulator;
using ServerlessSupport.Simulator.Engine;
using ServerlessSupport.Simulator.Export;
using ServerlessSupport.Simulator.Output;
using ServerlessSupport.Simulator.Traffic;
using ServerlessSupport.Testing;

// The SLA what-if simulator (docs/architecture.md, "What-if simulator"). Usage: see scripts/simulate.sh.
try
{
    return args is ["export", .. var rest] ? await ExportAsync(rest) : await SimulateAsync(args is ["run", .. var run] ? run : args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or FileNotFoundException or PolicyValidationException or InvalidDataException)
{
    await Console.Error.WriteLineAsync("simulate: " + ex.Message);
    return 2;
}

static async Task<int> SimulateAsync(string[] args)
{
    var cli = new CommandLine(args, new HashSet<string>());
    var policies = new List<string> { cli.String("--policy", "config/policy.json") };
    if (cli.String("--compare") is { } draft)
    {
        policies.Add(draft);
    }

    var basePolicy = PolicyRegistration.Load(Path.GetFullPath(policies[0]), RepositoryRoot.Path);
    foreach (var other in policies.Skip(1))
    {
        _ = PolicyRegistration.Load(Path.GetFullPath(other), RepositoryRoot.Path);
    }

    var calendarName = cli.String("--agent-calendar");
    var hours = calendarName is null ? basePolicy.DefaultCalendar
        : basePolicy.Calendars.TryGetValue(calendarName, out var named) ? named
        : throw new ArgumentException($"--agent-calendar {calendarName}: {policies[0]} has calendars {string.Join(", ", basePolicy.Calendars.Keys)}.");
    var defaults = GeneratorOptions.Default;
    var model = new GeneratorOptions
    {
        Tickets = cli.Int("--tickets", defaults.Tickets),
        Days = cli.Int("--days", defaults.Days),
        Start = cli.Get("--start", defaults.Start, t => new DateTimeOffset(DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        HourWeights = cli.Doubles("--hourly", defaults.HourWeights, 24),
        WeekdayWeights = cli.Doubles("--weekdays", defaults.WeekdayWeights, 7),
        TimeZone = hours.TimeZone,
        Mix = cli.Get("--mix", defaults.Mix, ParseMix),
        FirstReply = cli.Get("--first-reply", defaults.FirstReply, Distribution.Parse),
        Handling = cli.Get("--handling", defaults.Handling, Distribution.Parse),
        AskShare = cli.Double("--ask-share", defaults.AskShare),
        MaxRounds = cli.Int("--max-rounds", defaults.MaxRounds),
        CustomerDelay = cli.Get("--customer-delay", defaults.CustomerDelay, Distribution.Parse),
        NoAnswerShare = cli.Double("--no-answer", defaults.NoAnswerShare),
    };
    var seed = cli.Int("--seed", 1);
    var daysGiven = cli.String("--days") is not null;
    var agentsText = cli.String("--agents", "20");
    var replayAgents = agentsText == "replay";
    var agents = replayAgents ? null : new AgentModel(int.Parse(agentsText, NumberStyles.None, CultureInfo.InvariantCulture), hours);
    var trafficPath = cli.String("--traffic");
    var outDir = cli.String("--out", "artifacts/simulate");
    cli.EnsureAllUsed();
    if (replayAgents && trafficPath is null)
    {
        throw new ArgumentException("--agents replay needs --traffic (an export to replay).");
    }

    IReadOnlyList<TrafficTicket> traffic;
    DateTimeOffset start, end;
    if (trafficPath is null)
    {
        traffic = TrafficGenerator.Generate(model, seed);
        (start, end) = (model.Start, model.Start.AddDays(model.Days));
    }
    else
    {
        var export = await TrafficExporter.ReadAsync(trafficPath, CancellationToken.None);
        traffic = ReplayTraffic.From(export, replayAgents, model, seed);
        start = traffic.Count == 0 ? model.Start : new DateTimeOffset(traffic[0].ArrivalAt.UtcDateTime.Date, TimeSpan.Zero);
        var last = export.Tickets.SelectMany(t => t.Events.Select(e => e.At).Append(t.CreatedAt)).DefaultIfEmpty(start).Max();
        end = daysGiven ? start.AddDays(model.Days) : start.AddDays(Math.Ceiling((last - start).TotalDays + 0.01));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulating {traffic.Count} tickets from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} ({(end - start).TotalDays:0.#} days), {(agents is null ? "agents replayed" : $"{agents.Agents} agents on calendar {hours.Name}")}, seed {seed}"));
    var clock = Stopwatch.StartNew();
    // One Azurite per policy (each service is one Node event loop, so two policies' worlds use two of them), one process
    // per service with queue messages on disk: in memory, Azurite's queue stalls for tens of seconds once many thousands
    // of messages have passed (AzuriteLayout.ForLoad).
    var emulators = await Task.WhenAll(policies.Select(_ => AzuriteProcess.StartAsync(AzuriteLayout.ForLoad)));
    IReadOnlyList<PolicyResult> results;
    try
    {
        results = await Simulation.RunAsync(new SimulationSetup(policies, traffic, agents, start, end), [.. emulators.Select(e => e.ConnectionString)], "sim", CancellationToken.None);
    }
    finally
    {
        foreach (var emulator in emulators)
        {
            await emulator.DisposeAsync();
        }
    }

    var seconds = clock.Elapsed.TotalSeconds;

    foreach (var result in results)
    {
        foreach (var line in ReportLines.For(result))
        {
            Console.WriteLine(line);
        }
    }

    Directory.CreateDirectory(outDir);
    var chart = Path.Combine(outDir, "simulation.svg");
    await File.WriteAllTextAsync(chart, SvgChart.Render(results, start, end));
    Console.WriteLine($"chart={chart}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall_seconds={seconds:0.0} simulated_days={(end - start).TotalDays:0.#} speedup={(end - start).TotalSeconds / seconds:0}x"));
    return 0;
}

static async Task<int> ExportAsync(string[] args)
{
    var cli = new CommandLine(args, new HashSet<string> { "--keep-personal-data" });
    var connection = cli.String("--connection-string") ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage")
        ?? throw new ArgumentException("export needs --connection-string (or AzureWebJobsStorage) of the storage account to read.");
    var prefix = cli.String("--prefix");
    var path = cli.String("--out", "artifacts/simulate/traffic.json");
    var keep = cli.Flag("--keep-personal-data");
    cli.EnsureAllUsed();
    var export = await TrafficExporter.ExportAsync(connection, prefix, placeholders: !keep, TimeProvider.System, CancellationToken.None);
    await TrafficExporter.WriteAsync(export, path, CancellationToken.None);
    Console.WriteLine($"exported tickets={export.Tickets.Count} messages={export.Tickets.Sum(t => t.Messages.Count)} events={export.Tickets.Sum(t => t.Events.Count)} placeholders={(keep ? "no" : "yes")} to {path}");
    return 0;
}

static IReadOnlyDictionary<Priority, double> ParseMix(string text)
{
    var mix = new Dictionary<Priority, double>();
    foreach (var part in text.Split(','))
    {
        var pair = part.Split('=');
        if (pair.Length != 2 || !Enum.TryParse<Priority>(pair[0], ignoreCase: true, out var priority)
            || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0)
        {
            throw new FormatException("use urgent=5,high=15,normal=60,low=20");
        }

        mix[priority] = weight;
    }

    return mix.Values.Sum() > 0 ? mix : throw new FormatException("the mix needs a positive weight");
}
