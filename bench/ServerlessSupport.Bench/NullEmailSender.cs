using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Bench;

/// <summary>Accepts every email at once (sending is not what this benchmark measures), counting them.</summary>
internal sealed class NullEmailSender : IEmailSender
{
    private int _sent;

    public int Sent => _sent;

    public Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return Task.FromResult<SendResult>(new SendResult.Sent(null));
    }
}
