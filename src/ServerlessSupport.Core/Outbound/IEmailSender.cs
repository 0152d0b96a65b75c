namespace ServerlessSupport.Core.Outbound;

/// <summary>The port to an email provider. Implementations never throw for provider answers; they map them to a <see cref="SendResult"/>.</summary>
internal interface IEmailSender
{
    Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken);
}
