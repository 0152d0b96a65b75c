using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>escalations</c> section: the levels of each target kind. Read after <c>recipients</c>, because a level that
/// notifies a role needs that role's address there. Left out, or a kind left out: no levels.
/// </summary>
internal sealed class EscalationsReader(PolicyReading reading, Recipients recipients)
{
    public Dictionary<TargetKind, IReadOnlyList<EscalationLevel>> Read(EscalationsDocument? escalations)
    {
        var result = new Dictionary<TargetKind, IReadOnlyList<EscalationLevel>>();
        foreach (var (kind, name, levels) in new[]
        {
            (TargetKind.FirstResponse, "firstResponse", escalations?.FirstResponse),
            (TargetKind.NextUpdate, "nextUpdate", escalations?.NextUpdate),
            (TargetKind.Resolution, "resolution", escalations?.Resolution),
        })
        {
            result[kind] = Levels($"escalations.{name}", levels);
        }

        return result;
    }

    private List<EscalationLevel> Levels(string path, IReadOnlyList<EscalationLevelDocument?>? levels)
    {
        var result = new List<EscalationLevel>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int? previousPercent = null;
        for (var i = 0; i < (levels?.Count ?? 0); i++)
        {
            var levelPath = $"{path}[{i}]";
            var level = levels![i];
            if (level is null)
            {
                reading.Error(levelPath, "must be an object");
                continue;
            }

            if (string.IsNullOrWhiteSpace(level.Name))
            {
                reading.Error($"{levelPath}.name", "is required (shown in notifications and the ticket history)");
            }
            else if (!names.Add(level.Name))
            {
                reading.Error($"{levelPath}.name", $"'{level.Name}' is used by an earlier level; names must be unique per target");
            }

            if (level.AtPercent is not { } percent)
            {
                reading.Error($"{levelPath}.atPercent", "is required (a whole percentage of the target, e.g. 75)");
            }
            else if (percent <= 0)
            {
                reading.Error($"{levelPath}.atPercent", "must be positive");
            }
            else if (previousPercent is { } previous && percent <= previous)
            {
                reading.Error($"{levelPath}.atPercent", $"must be greater than the previous level's {previous} (levels are in ascending order)");
            }

            previousPercent = level.AtPercent is > 0 ? level.AtPercent : previousPercent;
            var notify = Notify($"{levelPath}.notify", level.Notify);
            var actions = Actions($"{levelPath}.actions", level.Actions);
            if ((level.Notify?.Count ?? 0) + (level.Actions?.Count ?? 0) == 0)
            {
                reading.Error(levelPath, "needs someone to notify or an action");
            }

            if (level is { Name: { } n, AtPercent: > 0 })
            {
                result.Add(new EscalationLevel(n, level.AtPercent.Value, notify, actions));
            }
        }

        return result;
    }

    private List<NotifyTarget> Notify(string path, IReadOnlyList<string?>? notify)
    {
        var result = new List<NotifyTarget>();
        for (var i = 0; i < (notify?.Count ?? 0); i++)
        {
            var itemPath = $"{path}[{i}]";
            var text = notify![i];
            NotifyTarget? target = text switch
            {
                "assignee" => new NotifyTarget(RecipientRole.Assignee),
                "teamLead" => new NotifyTarget(RecipientRole.TeamLead),
                "manager" => new NotifyTarget(RecipientRole.Manager),
                "team" => new NotifyTarget(RecipientRole.Team),
                { } address when PolicyReading.IsEmail(address) => NotifyTarget.ForAddress(address),
                _ => null,
            };
            if (target is null)
            {
                reading.Error(itemPath, $"'{text}' is not \"assignee\", \"teamLead\", \"manager\", \"team\" or an e-mail address");
                continue;
            }

            if (target.Role is RecipientRole.TeamLead or RecipientRole.Manager or RecipientRole.Team
                && recipients.AddressFor(target) is null)
            {
                reading.Error(itemPath, $"'{text}' needs an address in recipients.{text}");
            }

            result.Add(target);
        }

        return result;
    }

    private List<EscalationAction> Actions(string path, IReadOnlyList<string?>? actions)
    {
        var result = new List<EscalationAction>();
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            if (actions![i] == "raisePriority")
            {
                result.Add(EscalationAction.RaisePriority);
            }
            else
            {
                reading.Error($"{path}[{i}]", $"'{actions[i]}' is not an action (the only one is \"raisePriority\")");
            }
        }

        return result;
    }
}
