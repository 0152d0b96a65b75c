namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// Notifications to staff (docs/policy.md, "notifications"): whether the team recipient hears of every new ticket.
/// Agents choose their own notifications (docs/agents.md); this is only the team address's.
/// </summary>
internal sealed record NotificationPolicy(bool NewTicketsToTeam)
{
    public static NotificationPolicy Default { get; } = new(false);
}
