using ServerlessSupport.Simulator.Engine;

namespace ServerlessSupport.Simulator.Output;

/// <summary>One policy's run: its name as given on the command line, every ticket's outcome, and the hourly backlog.</summary>
internal sealed record PolicyResult(string Policy, IReadOnlyList<TicketOutcome> Outcomes, IReadOnlyList<(DateTimeOffset At, int Open)> Backlog);
