using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Sweeps;

namespace ServerlessSupport.Functions.Sla;

/// <summary>
/// Resolves the policy and the SLA settings when the host starts, so an invalid policy (or a missing survey signing key)
/// stops the app at start with the message naming the field, instead of failing on the first sweep.
/// </summary>
internal sealed partial class SlaStartupCheck(IServiceProvider services, ILogger<SlaStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var policy = services.GetRequiredService<SupportPolicy>();
        _ = services.GetRequiredService<SlaSettings>();
        LogPolicyLoaded(logger, policy.Priorities.Count, policy.Calendars.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Support policy loaded: {Priorities} priorities, {Calendars} calendars")]
    private static partial void LogPolicyLoaded(ILogger logger, int priorities, int calendars);
}
