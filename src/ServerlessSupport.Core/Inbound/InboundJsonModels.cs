using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Inbound;

/// <summary>SendGrid's <c>envelope</c> field.</summary>
internal sealed class SendGridEnvelope
{
    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("to")]
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? To { get; set; }
}

/// <summary>One entry of SendGrid's <c>attachment-info</c> field.</summary>
internal sealed class SendGridAttachmentInfo
{
    [JsonPropertyName("filename")]
    public string? FileName { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("content-id")]
    public string? ContentId { get; set; }
}

/// <summary>The body of <c>POST /api/inbound/json</c> (see JSON-SCHEMA.md).</summary>
internal sealed class JsonInboundMessage
{
    public string? From { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? To { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Cc { get; set; }

    public string? ReplyTo { get; set; }

    public string? Subject { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? MessageId { get; set; }

    public string? InReplyTo { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? References { get; set; }

    public string? Date { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public string? RawHeaders { get; set; }

    public JsonInboundEnvelope? Envelope { get; set; }

    public List<JsonInboundAttachment>? Attachments { get; set; }
}

internal sealed class JsonInboundEnvelope
{
    public string? From { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? To { get; set; }
}

internal sealed class JsonInboundAttachment
{
    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public string? ContentBase64 { get; set; }

    public string? ContentId { get; set; }
}
