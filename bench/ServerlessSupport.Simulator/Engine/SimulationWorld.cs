using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// The app's own service registration (<see cref="ServerlessSupportServices.AddServerlessSupport"/>, as both hosts use it)
/// on one policy and one storage prefix, with three replacements: the clock is a <see cref="FakeTimeProvider"/>, SendGrid is
/// <see cref="SimulatedEmailSender"/>, and the ticket store, due index and queues are wrapped to report to the
/// <see cref="SimulationLedger"/> (<see cref="ObservedTicketStore"/>, <see cref="FilteredDueIndex"/>, <see cref="QueueCounters"/>).
/// No triggers run: the simulation calls the functions and handlers itself, on the simulated clock.
/// </summary>
internal sealed class SimulationWorld : IAsyncDisposable
{
    private readonly IHost _host;

    private SimulationWorld(IHost host, SimulatedClock time, SimulationLedger ledger, QueueCounters queues)
    {
        _host = host;
        Time = time;
        Ledger = ledger;
        Queues = queues;
    }

    public SimulatedClock Time { get; }

    public SimulationLedger Ledger { get; }

    public QueueCounters Queues { get; }

    public IServiceProvider Services => _host.Services;

    public const string SupportAddress = "support@desk.sim";

    public static async Task<SimulationWorld> StartAsync(string policyPath, string connectionString, string prefix, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var time = new SimulatedClock(start);
        // Development: no SendGrid key and no real mail, as on a developer's machine (the simulated sender replaces the outbox).
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = RepositoryRoot.Path, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage:Prefix"] = prefix,
            ["Support:Address"] = SupportAddress,
            ["Support:TeamName"] = "Simulated Support",
            ["Support:PolicyPath"] = Path.GetFullPath(policyPath),
            ["Support:SurveySigningKey"] = "simulation-signing-key",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton<TimeProvider>(time);
        services.AddServerlessSupport(builder.Configuration, RepositoryRoot.Path);

        var ledger = new SimulationLedger(ServerlessSupport.Functions.Settings.PolicyRegistration.Load(Path.GetFullPath(policyPath), RepositoryRoot.Path));
        var queues = new QueueCounters();
        var sender = new SimulatedEmailSender(ledger);
        services.AddSingleton(ledger.Policy);
        services.RemoveAll<IEmailSender>();
        services.AddSingleton<IEmailSender>(sender);
        Decorate<ITicketStore>(services, (_, inner) => new ObservedTicketStore(inner, ledger, time));
        Decorate<IDueIndex>(services, (_, inner) => new FilteredDueIndex(inner, ledger));
        Decorate<IInboundQueue>(services, (_, inner) => new CountingInboundQueue(inner, queues));
        Decorate<IDispatchQueue>(services, (_, inner) => new CountingDispatchQueue(inner, queues));

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new SimulationWorld(host, time, ledger, queues);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Wraps the last registration of <typeparamref name="T"/>, keeping how it was built.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var registration = services.Last(s => s.ServiceType == typeof(T));
        services.Remove(registration);
        services.AddSingleton(sp => wrap(sp, (T)(registration.ImplementationInstance
            ?? registration.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!))));
    }
}
