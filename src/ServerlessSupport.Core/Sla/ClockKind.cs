namespace ServerlessSupport.Core.Sla;

/// <summary>Whether a duration counts only open business hours or every hour of the day.</summary>
internal enum ClockKind
{
    Business,
    Calendar,
}
