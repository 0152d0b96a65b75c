using MimeKit;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>Builds <see cref="InboundEmail"/> values for classifier, language and composer tests.</summary>
internal sealed class InboundEmailBuilder
{
    private readonly List<(string Name, string Value)> _headers = [];
    private string _from = "Jane Doe <jane@customer.example>";
    private string _subject = "Printer on fire";
    private string? _envelopeFrom = "jane@customer.example";
    private string _text = "Hello";
    private List<EmailAddress> _cc = [];
    private DateTimeOffset? _date;
    private readonly List<InboundAttachment> _attachments = [];
    private bool _forwardOnly;

    public InboundEmailBuilder From(string from)
    {
        _from = from;
        return this;
    }

    public InboundEmailBuilder Subject(string subject)
    {
        _subject = subject;
        return this;
    }

    public InboundEmailBuilder EnvelopeFrom(string? envelopeFrom)
    {
        _envelopeFrom = envelopeFrom;
        return this;
    }

    public InboundEmailBuilder Text(string text)
    {
        _text = text;
        return this;
    }

    public InboundEmailBuilder Cc(params string[] addresses)
    {
        _cc = [.. addresses.Select(a => MimeParsing.Addresses(a)[0])];
        return this;
    }

    public InboundEmailBuilder Date(DateTimeOffset date)
    {
        _date = date;
        return this;
    }

    /// <summary>A part of the message itself (not of a message it forwards), as the MIME reader lists it.</summary>
    public InboundEmailBuilder Attachment(string contentType, string fileName = "part")
    {
        _attachments.Add(new InboundAttachment("part" + (_attachments.Count + 1), fileName, contentType, 100, null));
        return this;
    }

    public InboundEmailBuilder ForwardOnly()
    {
        _forwardOnly = true;
        return this;
    }

    public InboundEmailBuilder Header(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    public InboundEmail Build()
    {
        var from = MimeParsing.Addresses(_from)[0];
        var headers = new HeaderList { { "From", _from }, { "Subject", _subject } };
        foreach (var (name, value) in _headers)
        {
            headers.Add(name, value);
        }

        return new InboundEmail
        {
            From = from,
            To = [new EmailAddress("support@help.example")],
            Subject = _subject,
            Headers = headers,
            Cc = _cc,
            Date = _date,
            Text = _text,
            DisplayText = _text,
            EnvelopeFrom = _envelopeFrom,
            Attachments = _attachments,
            ForwardOnly = _forwardOnly,
        };
    }
}
