using System.Globalization;
using ServerlessSupport.Faults;
using ServerlessSupport.Testing.Hosts;

// Fault harness. Usage: ServerlessSupport.Faults <scenario>|all [--host real|standalone] [--quick] [--minutes N] [--kills N]
//   storage-down | sendgrid-down | kill | poison | two-instances | load
// `all` runs every scenario (load and sendgrid-down in their quick form unless --full) and ends with one line per
// scenario and `faults_survived=N/N lost=L`. Exit code 0 only when every scenario passed.
var hostIndex = Array.IndexOf(args, "--host");
FaultWorld.Host = HostKinds.Parse(hostIndex >= 0 && hostIndex + 1 < args.Length ? args[hostIndex + 1] : null);
var scenario = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--host")).FirstOrDefault() ?? "all";
var quick = args.Contains("--quick") || (scenario == "all" && !args.Contains("--full"));
var names = new[] { "storage-down", "sendgrid-down", "kill", "poison", "two-instances", "load" };
var run = scenario == "all" ? names : [scenario];
if (run.Any(s => !names.Contains(s)))
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}'. Use one of: {string.Join(", ", names)}, all.");
    return 2;
}

if (!File.Exists(AppBuild.StandaloneDll))
{
    Console.Error.WriteLine($"Build the app first: dotnet build src/ServerlessSupport.Standalone -c Release ({AppBuild.StandaloneDll} is missing).");
    return 2;
}

Report.Line($"host: {FaultWorld.Host.Name()}{(FaultWorld.Host == HostKind.Real ? $" ({FunctionsHost.Available?.Description ?? FunctionsHost.UnavailableReason})" : string.Empty)}");

var verdicts = new List<Verdict>();
foreach (var name in run)
{
    Report.Line($"=== {name}{(quick ? " (quick)" : string.Empty)}");
    Verdict verdict;
    try
    {
        verdict = name switch
        {
            "storage-down" => await StorageDownScenario.RunAsync((int)Option("--down-seconds", 60), 20),
            "sendgrid-down" => await SendGridDownScenario.RunAsync(Option("--minutes", quick ? 1 : 5)),
            "kill" => await KillScenario.RunAsync((int)Option("--kills", 20), 10),
            "poison" => await PoisonScenario.RunAsync(),
            "two-instances" => await TwoInstancesScenario.RunAsync(),
            _ => quick
                ? await LoadScenario.RunAsync(Option("--rate", 100), TimeSpan.FromSeconds(Option("--seconds", 60)), 2_000, TimeSpan.FromSeconds(10), "load-quick")
                : await LoadScenario.RunAsync(Option("--rate", 100), TimeSpan.FromSeconds(Option("--seconds", 600)), 2_000, TimeSpan.FromSeconds(10), "load"),
        };
    }
    catch (Exception ex)
    {
        Report.Line($"{name} crashed: {ex}");
        verdict = new Verdict(name, 0, 0, 0, 0, -1, 0, 0);
        verdict.Failures.Add("harness error: " + ex.Message);
    }

    Report.Line(verdict.Line);
    verdicts.Add(verdict);
}

Console.WriteLine();
foreach (var verdict in verdicts)
{
    Console.WriteLine(verdict.Line);
}

var lost = verdicts.Sum(v => Math.Max(0, v.Lost));
Console.WriteLine($"faults_survived={verdicts.Count(v => v.Passed)}/{verdicts.Count} lost={lost}");
return verdicts.All(v => v.Passed) ? 0 : 1;

double Option(string name, double fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
