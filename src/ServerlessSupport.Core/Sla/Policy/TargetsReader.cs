using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>priorities</c> section: the first-response, next-update and resolution targets of every priority. It has no
/// defaults: every priority and each of its three targets is required.
/// </summary>
internal sealed class TargetsReader(PolicyReading reading, CalendarsReader calendars)
{
    /// <summary>The priorities whose three targets are all valid; the others are left out after their errors.</summary>
    public Dictionary<Priority, PriorityTargets> Read(PrioritiesDocument? priorities)
    {
        var result = new Dictionary<Priority, PriorityTargets>();
        if (priorities is null)
        {
            reading.Error("priorities", "is required, with low, normal, high and urgent");
            return result;
        }

        foreach (var (priority, targets) in new[]
        {
            (Priority.Low, priorities.Low), (Priority.Normal, priorities.Normal),
            (Priority.High, priorities.High), (Priority.Urgent, priorities.Urgent),
        })
        {
            var path = $"priorities.{priority.ToPolicyName()}";
            if (targets is null)
            {
                reading.Error(path, "is required, with firstResponse, nextUpdate and resolution");
                continue;
            }

            var firstResponse = Target($"{path}.firstResponse", targets.FirstResponse);
            var nextUpdate = Target($"{path}.nextUpdate", targets.NextUpdate);
            var resolution = Target($"{path}.resolution", targets.Resolution);
            if (firstResponse is not null && nextUpdate is not null && resolution is not null)
            {
                result[priority] = new PriorityTargets(firstResponse, nextUpdate, resolution);
            }
        }

        return result;
    }

    private SlaTargetSpec? Target(string path, TargetDocument? target)
    {
        if (target is null)
        {
            reading.Error(path, "is required: { \"duration\": \"8h\", \"clock\": \"business\" }");
            return null;
        }

        var clock = calendars.Clock(path, target.Clock, target.Calendar);
        return reading.Spec($"{path}.duration", target.Duration, clock);
    }
}
