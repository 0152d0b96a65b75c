using System.Diagnostics.CodeAnalysis;

namespace ServerlessSupport.Core.Inbound;

/// <summary>The outcome of parsing a payload: an email with its attachment bytes, or why it could not be read.</summary>
internal sealed record InboundParseResult
{
    private InboundParseResult(InboundEmail? email, IReadOnlyList<ReadOnlyMemory<byte>> contents, string? failureReason)
    {
        Email = email;
        AttachmentContents = contents;
        FailureReason = failureReason;
    }

    public InboundEmail? Email { get; }

    /// <summary>Attachment bytes, index-aligned with <see cref="InboundEmail.Attachments"/>.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> AttachmentContents { get; }

    /// <summary>Why the payload was refused (the caller quarantines it); null on success.</summary>
    public string? FailureReason { get; }

    [MemberNotNullWhen(true, nameof(Email))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Email is not null;

    public static InboundParseResult Success(InboundEmail email, IReadOnlyList<ReadOnlyMemory<byte>> attachmentContents)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(attachmentContents);
        if (attachmentContents.Count != email.Attachments.Count)
        {
            throw new ArgumentException("One content per attachment.", nameof(attachmentContents));
        }

        return new InboundParseResult(email, attachmentContents, null);
    }

    public static InboundParseResult Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new InboundParseResult(null, [], reason);
    }
}
