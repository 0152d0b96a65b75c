using System.Text.Json.Serialization;
using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Agents;

[JsonConverter(typeof(JsonStringEnumConverter<AgentNoticeKind>))]
internal enum AgentNoticeKind
{
    NewTicket,
    CustomerReply,
    Assignment,
}

/// <summary>
/// Something agents asked to hear about by email, waiting on the ticket for the escalation sweep (which sends it, in a
/// digest when several pile up): a new ticket, a customer's reply on an assigned ticket, an assignment. Recorded only
/// when someone asked, so a desk where nobody did pays nothing for it.
/// </summary>
internal sealed record AgentNotice
{
    public required AgentNoticeKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The agent it is for (a reply, an assignment); null for a new ticket (the team and every agent who asked).</summary>
    public string? Agent { get; init; }
}

/// <summary>The agents' profiles as one request saw them (the directory's cached list): who asked for what.</summary>
internal sealed record AgentRoster(IReadOnlyList<AgentProfile> Agents)
{
    public static AgentRoster Empty { get; } = new([]);

    /// <summary>The profile of <paramref name="name"/> when it has an address, else null.</summary>
    public AgentProfile? Reachable(string? name) =>
        name is null ? null : Agents.FirstOrDefault(a => a.Email is not null && string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether anyone gets new-ticket notifications: an agent who asked, or the team when the policy says so.</summary>
    public bool WantsNewTickets(SupportPolicy policy) =>
        Agents.Any(a => a.Email is not null && a.Notify.NewTickets) || NewTicketsToTeam(policy) is not null;

    /// <summary>The team recipient when the policy sends it new-ticket notifications.</summary>
    public static string? NewTicketsToTeam(SupportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Notifications.NewTicketsToTeam ? policy.Recipients.Team : null;
    }
}
