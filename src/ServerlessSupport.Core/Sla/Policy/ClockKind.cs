
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>Whether a duration counts only open business hours or every hour of the day.</summary>
internal enum ClockKind
{
    Business,
    Calendar,
}
