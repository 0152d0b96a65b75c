using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>notifications</c> section. Left out: the team recipient gets no new-ticket notifications.</summary>
internal sealed class NotificationsReader(PolicyReading reading, Recipients recipients)
{
    public NotificationPolicy Read(NotificationsDocument? notifications)
    {
        var toTeam = notifications?.NewTicketsToTeam ?? NotificationPolicy.Default.NewTicketsToTeam;
        if (toTeam && recipients.Team is null)
        {
            reading.Error("notifications.newTicketsToTeam", "needs recipients.team");
        }

        return new NotificationPolicy(toTeam);
    }
}
