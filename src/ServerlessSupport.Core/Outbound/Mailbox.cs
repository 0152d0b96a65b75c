namespace ServerlessSupport.Core.Outbound;

/// <summary>An address with an optional display name, as it goes into an outbound header.</summary>
internal sealed record Mailbox(string Address, string? Name = null);
