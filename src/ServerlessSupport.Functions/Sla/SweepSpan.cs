using System.Diagnostics;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Functions.Sla;

/// <summary>A sweep run in its own span (its own trace under the standalone host); the emails it queues carry its context.</summary>
internal static class SweepSpan
{
    public static async Task RunAsync(SlaSweepHandler sweep, string function, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        using var activity = SupportTelemetry.Source.StartActivity(function, ActivityKind.Internal);
        var report = await sweep.RunAsync(kind, cancellationToken);
        activity?.SetTag("support.sweep.rows", report.Rows);
        activity?.SetTag("support.sweep.tickets_acted", report.Acted);
        activity?.SetTag("support.sweep.actions", report.Actions);
    }
}
