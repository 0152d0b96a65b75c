using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

internal static class PriorityExtensions
{
    /// <summary>The priority names as written in the policy file, lowest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["low", "normal", "high", "urgent"];

    /// <summary>One step more urgent; urgent stays urgent.</summary>
    public static Priority Raised(this Priority priority) => priority == Priority.Urgent ? Priority.Urgent : priority + 1;

    public static string ToPolicyName(this Priority priority) => Names[(int)priority];

    public static bool TryParsePolicyName(string? name, out Priority priority)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                priority = (Priority)i;
                return true;
            }
        }

        priority = default;
        return false;
    }
}
