using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// To the customer when nobody has written to them for a while: where the ticket stands, our last news to them in its
/// own words (with its date), and what happens next — the open promise, else the team's estimate worded as one.
/// </summary>
internal static class StatusNoteTemplate
{
    public static RenderedEmail Render(StatusNoteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var ticket = model.Ticket.ToString();
        var paragraphs = new List<MailParagraph>
        {
            new(t["status.update", ("ticket", ticket), ("priority", TemplateText.PriorityName(t, model.Priority))]),
        };
        if (model.LastReply is { } reply && model.LastReplyAt is { } at)
        {
            var quoted = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => "> " + line.TrimEnd());
            paragraphs.Add(new(t["status.lastNews", ("when", t.When(at, model.CustomerUtcOffset, model.Zone))] + "\n" + string.Join('\n', quoted)));
        }

        paragraphs.Add(new(Next(t, model)));
        paragraphs.Add(new(t["status.add", ("ticket", ticket)]));
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            paragraphs,
            model.TeamName,
            t["footer.statusNote"]);
    }

    /// <summary>The sentence about what comes next, also the status note's line in a digest.</summary>
    public static string Next(MailTexts t, StatusNoteModel model)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(model);
        return model.OpenPromise is { } promise
            ? PromiseWords.Promise(t, promise, model.CustomerUtcOffset, model.Zone)
            : PromiseWords.Usually(t, model.Estimate);
    }
}

/// <param name="LastReply">The start of our last public reply (quoted history stripped); null before the first.</param>
/// <param name="OpenPromise">The open promise the customer waits on first; null: <paramref name="Estimate"/> is stated instead.</param>
internal sealed record StatusNoteModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    string Language,
    Priority Priority,
    string? LastReply,
    DateTimeOffset? LastReplyAt,
    TicketPromise? OpenPromise,
    CompletionEstimate Estimate,
    TimeSpan? CustomerUtcOffset,
    TimeZoneInfo Zone);
