namespace ServerlessSupport.Core.Agents;

/// <summary>Event kinds only agents' actions write (stable strings, like <see cref="Tickets.TicketEventKinds"/>).</summary>
internal static class AgentEventKinds
{
    public const string NoteAdded = "note-added";
    public const string AssigneeChanged = "assignee-changed";
    public const string LanguageChanged = "language-changed";

    /// <summary>The first public reply; the detail starts with "met" or "missed" (the metrics read it).</summary>
    public const string FirstResponse = "first-response";

    public const string FirstResponseMet = "met";
    public const string FirstResponseMissed = "missed";
}
