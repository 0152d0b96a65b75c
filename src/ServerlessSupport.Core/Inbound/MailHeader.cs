namespace ServerlessSupport.Core.Inbound;

/// <summary>One header field: its name as written and its unfolded, still-encoded value.</summary>
internal sealed record MailHeader(string Name, string Value);
