using System.Globalization;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>Internal: a ticket reached an escalation level of one of its targets. Goes to the policy's recipients, never to the customer.</summary>
internal static class EscalationTemplate
{
    public static RenderedEmail Render(EscalationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = TargetName(model.Target);
        var due = model.TargetDueAt is { } at ? MailTexts.For("en").When(at, TimeSpan.Zero) : "(clock paused)";
        var state = model.Percent >= 100 ? "is overdue" : "is running out";
        var priority = model.PriorityBefore == model.PriorityAfter
            ? $"Priority: {model.PriorityAfter.ToPolicyName()}."
            : $"Priority raised: {model.PriorityBefore.ToPolicyName()} → {model.PriorityAfter.ToPolicyName()}.";
        var subject = $"[#{model.Ticket}] SLA: {target} {model.Percent.ToString(CultureInfo.InvariantCulture)}% — {model.Subject}";

        var text = $"""
            Ticket {model.Ticket} ("{model.Subject}") from {model.Customer}: the {target} target {state}.

            Level: {model.LevelName} ({model.Percent}% of the target used).
            {target} due: {due}.
            {priority}

            Open the ticket: {model.Link}

            Sent automatically by the SLA escalation sweep.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p>Ticket <strong>{TemplateText.Html(model.Ticket.ToString())}</strong> ("{TemplateText.Html(model.Subject)}") from
            {TemplateText.Html(model.Customer)}: the {TemplateText.Html(target)} target {state}.</p>
            <p>Level: <strong>{TemplateText.Html(model.LevelName)}</strong> ({model.Percent}% of the target used).<br>
            {TemplateText.Html(target)} due: {TemplateText.Html(due)}.<br>
            {TemplateText.Html(priority)}</p>
            <p><a href="{TemplateText.Html(model.Link)}">Open the ticket</a></p>
            <p style="color:#888; font-size: smaller">Sent automatically by the SLA escalation sweep.</p>
            </body></html>
            """;

        return new RenderedEmail(Email.HeaderValue.Sanitize(subject), text, html);
    }

    public static string TargetName(TargetKind kind) => kind switch
    {
        TargetKind.FirstResponse => "first response",
        TargetKind.NextUpdate => "next update",
        TargetKind.Resolution => "resolution",
        _ => kind.ToString(),
    };
}

internal sealed record EscalationModel(
    TicketId Ticket,
    string Subject,
    string Customer,
    TargetKind Target,
    string LevelName,
    int Percent,
    DateTimeOffset? TargetDueAt,
    Priority PriorityBefore,
    Priority PriorityAfter,
    string Link);
