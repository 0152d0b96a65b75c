using ServerlessSupport.Core.Agents;

namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>
/// Who the key belongs to (<see cref="Agent"/>, and the same as <see cref="Name"/>), the languages the policy offers
/// customers (for the language control), and the agent's profile: their address (null: none) and notifications.
/// </summary>
internal sealed record MeResponse(string Agent, IReadOnlyList<string> Languages, string Name, string? Email, NotificationsDto Notify)
{
    /// <summary>The answer for <paramref name="agent"/>; an agent without a profile gets no address and the default notifications.</summary>
    public static MeResponse From(string agent, IReadOnlyList<string> languages, AgentProfile? profile)
    {
        var notify = profile?.Notify ?? AgentNotifications.Default;
        return new MeResponse(agent, languages, agent, profile?.Email, new NotificationsDto(notify.NewTickets, notify.CustomerReplies, notify.Assignments));
    }
}

/// <summary>What the agent is emailed about.</summary>
internal sealed record NotificationsDto(bool NewTickets, bool CustomerReplies, bool Assignments);
