using MimeKit;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>Builds <see cref="InboundEmail"/> values for classifier tests.</summary>
internal sealed class InboundEmailBuilder
{
    private readonly List<(string Name, string Value)> _headers = [];
    private string _from = "Jane Doe <jane@customer.example>";
    private string _subject = "Printer on fire";
    private string? _envelopeFrom = "jane@customer.example";

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
            Text = "Hello",
            DisplayText = "Hello",
            EnvelopeFrom = _envelopeFrom,
        };
    }
}
