using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessSupport.Functions.Tests.Pipeline;

namespace ServerlessSupport.Functions.Tests.Agents;

/// <summary>How a mail reaches the app: the documented JSON, or SendGrid Inbound Parse in parsed or raw mode.</summary>
public enum InboundMode
{
    Json,
    Parsed,
    Raw,
}

/// <summary>
/// Test data: an agent's mail to a reply address as SendGrid's Inbound Parse posts it (docs/inbound-json.md): by default
/// from alice@agents.example with DKIM passing for agents.example and SPF passing for the envelope sender.
/// </summary>
internal sealed class AgentMailBuilder
{
    private const string Date = "Mon, 5 Jan 2026 10:30:00 +0100";

    private readonly List<(string Name, string Value)> _headers = [];
    private string _from = "Alice Agent <alice@agents.example>";
    private string _envelopeFrom = "alice@agents.example";
    private string _to = "support@example.test";
    private string _subject = "Re: [#00000000] Assigned to you: Printer on fire";
    private string _text = "We are on it.";
    private string? _html;
    private string? _spf = "pass";
    private string? _dkim = "{@agents.example : pass}";
    private string? _inReplyTo;

    public string MessageId { get; } = $"<{Guid.NewGuid():N}@agents.example>";

    public AgentMailBuilder From(string from)
    {
        _from = from;
        _envelopeFrom = Bare(from);
        return this;
    }

    public AgentMailBuilder EnvelopeFrom(string address)
    {
        _envelopeFrom = address;
        return this;
    }

    public AgentMailBuilder To(string address)
    {
        _to = address;
        return this;
    }

    public AgentMailBuilder Subject(string subject)
    {
        _subject = subject;
        return this;
    }

    public AgentMailBuilder Text(string text)
    {
        _text = text;
        return this;
    }

    /// <summary>An HTML body alongside the text (raw mode: multipart/alternative; parsed mode: the <c>html</c> field).</summary>
    public AgentMailBuilder Html(string html)
    {
        _html = html;
        return this;
    }

    /// <param name="spf">SendGrid's <c>SPF</c> field (pass, fail, softfail, none…); null leaves it out.</param>
    /// <param name="dkim">SendGrid's <c>dkim</c> field (<c>{@domain : pass}</c>); null leaves it out.</param>
    public AgentMailBuilder Authentication(string? spf, string? dkim)
    {
        _spf = spf;
        _dkim = dkim;
        return this;
    }

    public AgentMailBuilder InReplyTo(string? messageId)
    {
        _inReplyTo = messageId;
        return this;
    }

    public AgentMailBuilder Header(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    public HttpContent ToContent(InboundMode mode) => mode switch
    {
        InboundMode.Json => ToJson(),
        InboundMode.Parsed => ToParsedForm(),
        InboundMode.Raw => ToRawForm(),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The route a mode posts to: <c>json</c> or <c>sendgrid</c>.</summary>
    public static string Route(InboundMode mode) => mode == InboundMode.Json ? "json" : "sendgrid";

    /// <summary>The JSON form: it has an envelope but no SPF or DKIM verdicts (see docs/inbound-json.md).</summary>
    private ByteArrayContent ToJson()
    {
        var mail = new JsonObject
        {
            ["from"] = _from,
            ["to"] = new JsonArray(_to),
            ["subject"] = _subject,
            ["text"] = _text,
            ["messageId"] = MessageId,
            ["date"] = Date,
            ["envelope"] = new JsonObject { ["from"] = _envelopeFrom, ["to"] = new JsonArray(Bare(_to)) },
        };
        if (_html is not null)
        {
            mail["html"] = _html;
        }

        if (_inReplyTo is not null)
        {
            mail["inReplyTo"] = _inReplyTo;
        }

        if (_headers.Count > 0)
        {
            var headers = new JsonObject();
            foreach (var (name, value) in _headers)
            {
                headers[name] = value;
            }

            mail["headers"] = headers;
        }

        return PipelineHost.Body(Encoding.UTF8.GetBytes(mail.ToJsonString()), "application/json");
    }

    /// <summary>Parsed mode ("POST the raw, full MIME message" off): the decoded fields and the header block.</summary>
    private MultipartFormDataContent ToParsedForm()
    {
        var form = SmtpFields();
        Add(form, "headers", HeaderBlock());
        Add(form, "from", _from);
        Add(form, "to", _to);
        Add(form, "subject", _subject);
        Add(form, "text", _text);
        if (_html is not null)
        {
            Add(form, "html", _html);
        }

        Add(form, "charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8","html":"UTF-8"}""");
        return form;
    }

    /// <summary>Raw mode: the whole message in <c>email</c>, with the SMTP fields beside it.</summary>
    private MultipartFormDataContent ToRawForm()
    {
        var form = SmtpFields();
        Add(form, "email", Mime());
        Add(form, "from", _from);
        Add(form, "to", _to);
        Add(form, "subject", _subject);
        Add(form, "charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}""");
        return form;
    }

    /// <summary>The message as the agent's server sent it (CRLF, quoted-printable UTF-8 bodies).</summary>
    public string Mime()
    {
        var mime = new StringBuilder(HeaderBlock());
        mime.Append("MIME-Version: 1.0\r\n");
        if (_html is null)
        {
            mime.Append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            mime.Append(QuotedPrintable(_text));
        }
        else
        {
            const string boundary = "=_alt_7f3a";
            mime.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n");
            mime.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{QuotedPrintable(_text)}\r\n");
            mime.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{QuotedPrintable(_html)}\r\n");
            mime.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        }

        return mime.ToString();
    }

    private string HeaderBlock()
    {
        var block = new StringBuilder();
        block.Append(CultureInfo.InvariantCulture, $"From: {_from}\r\nTo: {_to}\r\nSubject: {_subject}\r\nDate: {Date}\r\nMessage-ID: {MessageId}\r\n");
        if (_inReplyTo is not null)
        {
            block.Append(CultureInfo.InvariantCulture, $"In-Reply-To: {_inReplyTo}\r\nReferences: {_inReplyTo}\r\n");
        }

        foreach (var (name, value) in _headers)
        {
            block.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return block.ToString();
    }

    private MultipartFormDataContent SmtpFields()
    {
        var form = new MultipartFormDataContent("xYzZY" + Guid.NewGuid().ToString("N")[..8]);
        Add(form, "envelope", new JsonObject { ["to"] = new JsonArray(Bare(_to)), ["from"] = _envelopeFrom }.ToJsonString());
        if (_spf is not null)
        {
            Add(form, "SPF", _spf);
        }

        if (_dkim is not null)
        {
            Add(form, "dkim", _dkim);
        }

        Add(form, "spam_score", "0.1");
        Add(form, "sender_ip", "192.0.2.25");
        return form;
    }

    // SendGrid's parts carry only Content-Disposition; the charset comes from the charsets field.
    private static void Add(MultipartFormDataContent form, string name, string value)
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        form.Add(part, name);
    }

    private static string QuotedPrintable(string text)
    {
        var output = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var encoded = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(line))
            {
                encoded.Append(b is >= 33 and <= 126 and not (byte)'=' || b == (byte)' ' ? ((char)b).ToString() : $"={b:X2}");
            }

            // Soft line breaks keep each line under 76 characters; a trailing space is encoded.
            var value = encoded.ToString();
            if (value.EndsWith(' '))
            {
                value = value[..^1] + "=20";
            }

            while (value.Length > 75)
            {
                var cut = 75;
                while (value[cut - 1] == '=' || (cut > 1 && value[cut - 2] == '='))
                {
                    cut--;
                }

                output.Append(value, 0, cut).Append("=\r\n");
                value = value[cut..];
            }

            output.Append(value).Append("\r\n");
        }

        return output.ToString();
    }

    private static string Bare(string address)
    {
        var open = address.LastIndexOf('<');
        return open < 0 ? address.Trim() : address[(open + 1)..].TrimEnd('>', ' ');
    }
}
