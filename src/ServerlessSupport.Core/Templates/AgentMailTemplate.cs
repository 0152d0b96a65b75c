using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>Internal, in English: to an agent whose mail to their reply address was not acted on, and why.</summary>
internal static class AgentMailTemplate
{
    public static RenderedEmail NotActedOn(TicketId ticket, string subject, string why, string whatHappened, string link)
    {
        var lines = new[]
        {
            $"Your mail about ticket {ticket} (\"{subject}\") was not acted on: {why}.",
            whatHappened,
            "Nothing was sent to the customer. Reply again from your own address to the reply address of a notification, or use the dashboard.",
        };
        return StaffMail.Render($"[#{ticket}] Not acted on: {subject}", lines, link);
    }
}
