using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>One traffic ticket's results in one policy's run, read off the commits the pipeline made.</summary>
internal sealed class TicketOutcome(int index, Priority priority)
{
    public int Index { get; } = index;

    /// <summary>The traffic's priority (what triage gave the ticket), not what escalations raised it to.</summary>
    public Priority Priority { get; } = priority;

    public TicketId? Ticket { get; set; }

    public Verdict FirstResponse { get; set; }

    public int NextUpdatesMet { get; set; }

    public int NextUpdatesMissed { get; set; }

    public Verdict Resolution { get; set; }

    public int Escalations { get; set; }

    public int StatusNotes { get; set; }

    public int CustomerMails { get; set; }

    /// <summary>Promises to the customer kept: settled Kept by a commit.</summary>
    public int PromisesKept { get; set; }

    /// <summary>Promises broken: settled Broken by a commit, or still open past their date when the simulation ended.</summary>
    public int PromisesBroken { get; set; }

    /// <summary>When each missed target's deadline passed (for the chart).</summary>
    public List<DateTimeOffset> Breaches { get; } = [];
}
