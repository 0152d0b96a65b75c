using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>One inbound corpus case: tests/corpus/inbound/NN-name.json (format in tests/corpus/inbound/README.md).</summary>
// Members with a default have setters and nothing is `required`: otherwise the source-generated reader constructs the
// object with every member assigned and an absent member loses its default.
internal sealed class CorpusCase
{
    /// <summary>The file name without extension; set by the loader.</summary>
    [JsonIgnore]
    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>
    /// <see cref="CorpusFormats.SendGrid"/> (parsed mode), <see cref="CorpusFormats.SendGridRaw"/> (raw mode, same endpoint)
    /// or <see cref="CorpusFormats.Json"/>: which webhook receives it, in which form.
    /// </summary>
    public string Format { get; set; } = CorpusFormats.SendGrid;

    /// <summary>Cases that must have run first in the same pipeline (their tickets and Message-IDs are referred to).</summary>
    public IReadOnlyList<string> After { get; set; } = [];

    /// <summary>SendGrid form fields, in posting order; values may hold placeholders.</summary>
    public Dictionary<string, string>? Fields { get; init; }

    /// <summary>The charset each field's bytes are written in (UTF-8 when absent); must agree with <c>charsets</c>.</summary>
    public Dictionary<string, string>? FieldEncodings { get; init; }

    public IReadOnlyList<CorpusFilePart>? Files { get; init; }

    /// <summary>Raw mode: the whole MIME message posted as the <c>email</c> field (placeholders resolved).</summary>
    public string? Email { get; init; }

    /// <summary>Raw mode: the charset <see cref="Email"/> is written in (UTF-8 when absent), for 8-bit bodies.</summary>
    public string? EmailEncoding { get; init; }

    /// <summary>Raw mode: the message's exact bytes, base64.</summary>
    public string? EmailBase64 { get; init; }

    /// <summary>Raw mode: a file in tests/corpus/mail holding the message (placeholders resolved, other bytes kept).</summary>
    public string? EmailFile { get; init; }

    /// <summary>The body of a JSON-format case; string values may hold placeholders.</summary>
    public JsonObject? Json { get; init; }

    /// <summary>Exact body text (UTF-8) for malformed input; placeholders are resolved.</summary>
    public string? RawBody { get; init; }

    /// <summary>Exact body bytes for malformed input.</summary>
    public string? RawBodyBase64 { get; init; }

    /// <summary>Overrides the request Content-Type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Generate a body of exactly this many bytes instead of storing it.</summary>
    public long? OversizeBytes { get; init; }

    /// <summary><c>key</c> (default): send the webhook key; <c>none</c>: send no credentials.</summary>
    public string Auth { get; set; } = "key";

    /// <summary>How many times the identical request is posted.</summary>
    public int Repeat { get; set; } = 1;

    public CorpusExpectation Expect { get; set; } = new();
}

/// <summary>A file part of a SendGrid payload (<c>attachmentN</c>).</summary>
internal sealed class CorpusFilePart
{
    public required string Field { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    /// <summary>The content as UTF-8 text (placeholders resolved); or use <see cref="Base64"/>.</summary>
    public string? Text { get; init; }

    public string? Base64 { get; init; }
}

/// <summary>What must be true after a case ran. Only <see cref="Outcome"/> must be given; everything else is checked when given.</summary>
internal sealed class CorpusExpectation
{
    public int Status { get; set; } = 200;

    public string Outcome { get; set; } = string.Empty;

    public bool Ack { get; init; }

    public string? ThreadsTo { get; init; }

    /// <summary>A <c>MailKind</c> name: Human, AutoReply, Bounce, MailingList, Bulk, OwnMail, Report.</summary>
    public string? MailKind { get; init; }

    /// <summary>An event kind the case's ticket must have (e.g. <c>probably-automatic</c>).</summary>
    public string? Event { get; init; }

    public string? Subject { get; init; }

    public string? SubjectNotContains { get; init; }

    public string? DisplayTextContains { get; init; }

    public string? DisplayTextNotContains { get; init; }

    public string? FullTextContains { get; init; }

    public string? Priority { get; init; }

    public int? Attachments { get; init; }

    /// <summary>The stored attachments' file names, in order.</summary>
    public IReadOnlyList<string>? AttachmentNames { get; init; }

    public string? Customer { get; init; }

    public string? CustomerName { get; init; }
}
