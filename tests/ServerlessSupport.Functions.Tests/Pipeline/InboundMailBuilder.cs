using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Functions.Tests.Pipeline;

/// <summary>Test data: an inbound email in the documented JSON form (POST /api/inbound/json).</summary>
internal sealed class InboundMailBuilder
{
    private readonly JsonObject _mail = new()
    {
        ["from"] = "Jane Doe <jane@customer.example>",
        ["to"] = new JsonArray("support@example.test"),
        ["subject"] = "Printer on fire",
        ["text"] = "Hello, my printer is on fire. What should I do?",
        ["messageId"] = $"<{Guid.NewGuid():N}@customer.example>",
        ["date"] = "Mon, 5 Jan 2026 10:00:00 +0100",
    };

    public string MessageId => (string)_mail["messageId"]!;

    public InboundMailBuilder From(string from)
    {
        _mail["from"] = from;
        return this;
    }

    public InboundMailBuilder Subject(string subject)
    {
        _mail["subject"] = subject;
        return this;
    }

    public InboundMailBuilder Text(string text)
    {
        _mail["text"] = text;
        return this;
    }

    public InboundMailBuilder Cc(params string[] addresses)
    {
        _mail["cc"] = new JsonArray([.. addresses.Select(a => (JsonNode)a)]);
        return this;
    }

    public InboundMailBuilder To(string address)
    {
        _mail["to"] = new JsonArray(address);
        return this;
    }

    public InboundMailBuilder Date(string date)
    {
        _mail["date"] = date;
        return this;
    }

    public InboundMailBuilder InReplyTo(string messageId)
    {
        _mail["inReplyTo"] = messageId;
        return this;
    }

    public InboundMailBuilder Header(string name, string value)
    {
        var headers = _mail["headers"] as JsonObject ?? [];
        headers[name] = value;
        _mail["headers"] = headers;
        return this;
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_mail.ToJsonString());

    public ByteArrayContent ToContent() => PipelineHost.Body(ToBytes(), "application/json");
}
