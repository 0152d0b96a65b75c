using System.Globalization;
using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>SendGrid's place in the simulation: accepts every email at once (a 202) and tells the ledger who it was for.</summary>
internal sealed class SimulatedEmailSender(SimulationLedger ledger) : IEmailSender
{
    private long _sent;

    public Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ledger.Sent(email);
        var id = Interlocked.Increment(ref _sent);
        return Task.FromResult<SendResult>(new SendResult.Sent("sim-" + id.ToString(CultureInfo.InvariantCulture)));
    }
}
