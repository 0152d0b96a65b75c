namespace ServerlessSupport.Core.Agents;

/// <summary>
/// An agent as the desk writes to them (docs/agents.md, "Working from the inbox"): the name their API keys carry, a
/// short stable <see cref="Id"/> that signed reply addresses name, their own email address (none: they get no mail and
/// cannot reply by email) and what they want to hear about.
/// </summary>
internal sealed record AgentProfile(string Name, string Id, string? Email, AgentNotifications Notify);

/// <summary>What an agent is told by email: new tickets (off by default), customers' replies on their tickets and assignments to them.</summary>
internal sealed record AgentNotifications(bool NewTickets, bool CustomerReplies, bool Assignments)
{
    public static AgentNotifications Default { get; } = new(false, true, true);
}

/// <summary>The agents' profiles. Reads of the whole list are cached per instance, so no email waits for them.</summary>
internal interface IAgentDirectory
{
    /// <summary>Every profile; served from a per-instance cache refreshed at most every minute.</summary>
    Task<IReadOnlyList<AgentProfile>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The profile of the agent with this name (as their keys carry it, ignoring case), read fresh; null when none.</summary>
    Task<AgentProfile?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates the profile (with a new <see cref="AgentProfile.Id"/>) or changes its address and notifications.</summary>
    Task<AgentProfile> SaveAsync(string name, string? email, AgentNotifications notify, CancellationToken cancellationToken);
}
