using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Bench;

/// <summary>Accepts every email at once (sending is not what this benchmark measures), keeping what it was given.</summary>
internal sealed class NullEmailSender : IEmailSender
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<OutboundEmail> _sent = new();

    public IReadOnlyCollection<OutboundEmail> Sent => _sent;

    public Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        _sent.Enqueue(email);
        return Task.FromResult<SendResult>(new SendResult.Sent(null));
    }
}
