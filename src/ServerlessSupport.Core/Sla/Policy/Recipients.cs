
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The addresses behind the roles escalations name. The assignee is taken from the ticket, not from here.</summary>
internal sealed record Recipients(string? TeamLead, string? Manager, string? Team)
{
    public static Recipients None { get; } = new(null, null, null);

    /// <summary>The address for <paramref name="target"/>; null for the assignee (ticket-specific) or an unset role.</summary>
    public string? AddressFor(NotifyTarget target) => target.Role switch
    {
        RecipientRole.TeamLead => TeamLead,
        RecipientRole.Manager => Manager,
        RecipientRole.Team => Team,
        RecipientRole.Address => target.Address,
        _ => null,
    };
}
