namespace ServerlessSupport.Functions.Outbound;

/// <summary>The body of <c>POST /v3/mail/send</c>, limited to the fields we use. Property order is the order on the wire.</summary>
internal sealed record SendGridMail(
    IReadOnlyList<SendGridPersonalization> Personalizations,
    SendGridAddress From,
    SendGridAddress? ReplyTo,
    string Subject,
    IReadOnlyList<SendGridContent> Content,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyDictionary<string, string>? CustomArgs);

internal sealed record SendGridPersonalization(IReadOnlyList<SendGridAddress> To);

internal sealed record SendGridAddress(string Email, string? Name = null);

/// <summary>One body part; SendGrid wants text/plain first, then text/html.</summary>
internal sealed record SendGridContent(string Type, string Value);
