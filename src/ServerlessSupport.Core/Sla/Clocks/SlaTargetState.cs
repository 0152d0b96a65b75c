
namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// One running target on a ticket: its clock, the deadline (null while paused), how many escalation levels have fired
/// and when the next one is due (null while paused or when every level has fired). The instants are derived from the
/// clock and the policy by <see cref="SlaPlanner"/>; they are stored so the due index needs no policy.
/// </summary>
internal sealed record SlaTargetState(SlaClock Clock, DateTimeOffset? DueAt, int LevelsFired, DateTimeOffset? NextLevelAt)
{
    public static SlaTargetState StartAt(DateTimeOffset at) => new(SlaClock.Start(at), null, 0, null);
}
