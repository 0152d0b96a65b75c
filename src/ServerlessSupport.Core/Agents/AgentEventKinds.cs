namespace ServerlessSupport.Core.Agents;

/// <summary>Event kinds only agents' actions write (stable strings, like <see cref="Tickets.TicketEventKinds"/>).</summary>
internal static class AgentEventKinds
{
    public const string NoteAdded = "note-added";
    public const string AssigneeChanged = "assignee-changed";
    public const string LanguageChanged = "language-changed";

    /// <summary>An agent's verified mail to their reply address was acted on (its reply, note and commands are their own events).</summary>
    public const string AgentMail = "agent-mail";

    /// <summary>An agent's verified mail that asked for nothing it could do (an unknown command, no text): kept as a note, the agent told.</summary>
    public const string AgentMailNotActedOn = "agent-mail-not-acted-on";

    /// <summary>The first public reply; the detail starts with "met" or "missed" (the metrics read it).</summary>
    public const string FirstResponse = "first-response";

    public const string FirstResponseMet = "met";
    public const string FirstResponseMissed = "missed";
}
