using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// Internal, in English: what an agent asked to hear about (a new ticket, a customer's reply, an assignment) with the
/// customer's words, the ticket's state and deadlines and a link; under the reply-above marker, so the agent's answer
/// by email is cut from the quoted notification.
/// </summary>
internal static class AgentNoticeTemplate
{
    public static RenderedEmail Render(AgentNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var what = Headline(model.Kind);
        var lines = new List<string>
        {
            $"{what}: ticket {model.Ticket} (\"{model.Subject}\") from {model.Customer}.",
            $"State: {model.Status}, priority {model.Priority}{(model.Assignee is null ? ", unassigned" : $", assigned to {model.Assignee}")}.",
        };
        if (model.Deadline is { } deadline)
        {
            lines.Add($"Next deadline: {deadline}.");
        }

        if (!string.IsNullOrWhiteSpace(model.Words))
        {
            lines.Add("The customer wrote:\n" + string.Join('\n', model.Words.Split('\n').Select(l => "> " + l.TrimEnd())));
        }

        lines.Add(model.CanReply
            ? "Reply to this email to answer the customer (it goes out from the support address with your name). A first line of #note keeps it internal; #solve, #pending, #assign <name or me> and #priority <name> change the ticket."
            : "Open the ticket to answer.");
        return StaffMail.Render($"[#{model.Ticket}] {what}: {model.Subject}", lines, model.Link, replyAbove: true);
    }

    public static string Headline(AgentNoticeKind kind) => kind switch
    {
        AgentNoticeKind.NewTicket => "New ticket",
        AgentNoticeKind.CustomerReply => "The customer replied",
        AgentNoticeKind.Assignment => "Assigned to you",
        _ => kind.ToString(),
    };
}

internal sealed record AgentNoticeModel(
    AgentNoticeKind Kind,
    TicketId Ticket,
    string Subject,
    string Customer,
    string Status,
    string Priority,
    string? Assignee,
    string? Deadline,
    string? Words,
    string Link,
    bool CanReply);
