namespace ServerlessSupport.Functions.Inbound;

/// <summary>Section "SendGrid": the optional public key for signed inbound webhooks.</summary>
internal sealed class InboundOptions
{
    public string? InboundVerificationKey { get; set; }
}
