namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// One timer firing. <see cref="IsPastDue"/> is set when an occurrence was missed while no instance ran (it fires once,
/// not once per missed tick). <see cref="Last"/> is the previously recorded occurrence, if any.
/// </summary>
internal sealed record TimerInvocation(bool IsPastDue, DateTimeOffset ScheduledFor, DateTimeOffset? Last, DateTimeOffset Next);
