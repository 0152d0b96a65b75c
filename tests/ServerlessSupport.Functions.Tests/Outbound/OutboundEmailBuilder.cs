using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Functions.Tests.Outbound;

/// <summary>A realistic acknowledgment by default; each With* changes one thing.</summary>
internal sealed class OutboundEmailBuilder
{
    private Mailbox _from = new("support@example.com", "Example Support");
    private IReadOnlyList<Mailbox> _to = [new("ada@example.net", "Ada Lovelace")];
    private string _subject = "[#K7Q2M] We got your message";
    private readonly string _text = "Hello Ada, we will answer within 4 business hours.";
    private string? _html = "<p>Hello Ada, we will answer within 4 business hours.</p>";
    private readonly string _messageId = "<ack-1@support.example.com>";
    private string? _inReplyTo = "<c1@mail.example.net>";
    private IReadOnlyList<string> _references = ["<c0@mail.example.net>", "<c1@mail.example.net>"];
    private string? _autoSubmitted = "auto-replied";
    private Mailbox? _replyTo;
    private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string> { ["ticket"] = "K7Q2M", ["outbox"] = "o-1" };

    public OutboundEmailBuilder WithFrom(Mailbox from) { _from = from; return this; }

    public OutboundEmailBuilder WithTo(params Mailbox[] to) { _to = to; return this; }

    public OutboundEmailBuilder WithSubject(string subject) { _subject = subject; return this; }

    public OutboundEmailBuilder WithHtml(string? html) { _html = html; return this; }

    public OutboundEmailBuilder WithInReplyTo(string? inReplyTo) { _inReplyTo = inReplyTo; return this; }

    public OutboundEmailBuilder WithReferences(params string[] references) { _references = references; return this; }

    public OutboundEmailBuilder WithAutoSubmitted(string? autoSubmitted) { _autoSubmitted = autoSubmitted; return this; }

    public OutboundEmailBuilder WithReplyTo(Mailbox? replyTo) { _replyTo = replyTo; return this; }

    public OutboundEmailBuilder WithTags(IReadOnlyDictionary<string, string> tags) { _tags = tags; return this; }

    public OutboundEmail Build() =>
        new(_from, _to, _subject, _text, _html, _messageId, _inReplyTo, _references, _autoSubmitted, _replyTo) { Tags = _tags };
}
