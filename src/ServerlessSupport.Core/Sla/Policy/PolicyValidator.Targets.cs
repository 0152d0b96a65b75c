using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>Priorities, their targets and rules, and the escalation levels of each target.</summary>
internal sealed partial class PolicyValidator
{
    private SlaTargetSpec? Spec(string path, string? text, (ClockKind Clock, BusinessCalendar Calendar)? clock)
    {
        var duration = Duration(path, text, clock?.Clock ?? ClockKind.Calendar);
        return duration is { } d && clock is { } c ? new SlaTargetSpec(d, c.Clock, c.Calendar) : null;
    }

    private Dictionary<Priority, PriorityTargets> Priorities(PrioritiesDocument? priorities)
    {
        var result = new Dictionary<Priority, PriorityTargets>();
        if (priorities is null)
        {
            Error("priorities", "is required, with low, normal, high and urgent");
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
                Error(path, "is required, with firstResponse, nextUpdate and resolution");
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
            Error(path, "is required: { \"duration\": \"8h\", \"clock\": \"business\" }");
            return null;
        }

        var clock = Clock(path, target.Clock, target.Calendar);
        return Spec($"{path}.duration", target.Duration, clock);
    }

    private PriorityRules Rules(IReadOnlyList<PriorityRuleDocument?>? rules, string? defaultPriorityName)
    {
        var defaultPriority = Priority.Normal;
        if (defaultPriorityName is not null)
        {
            defaultPriority = PriorityNamed("defaultPriority", defaultPriorityName) ?? Priority.Normal;
        }

        var result = new List<PriorityRule>();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var path = $"priorityRules[{i}]";
            var rule = rules![i];
            if (rule is null)
            {
                Error(path, "must be an object");
                continue;
            }

            Priority? priority = rule.Priority is null ? null : PriorityNamed($"{path}.priority", rule.Priority);
            if (rule.Priority is null)
            {
                Error($"{path}.priority", "is required (low, normal, high or urgent)");
            }

            var keywords = Strings($"{path}.keywords", rule.Keywords, k => k.Trim().Length > 0, "must not be empty");
            var domains = Strings($"{path}.fromDomains", rule.FromDomains, IsDomain, "is not a domain such as example.com (no '@')");
            var addresses = Strings($"{path}.fromAddresses", rule.FromAddresses, IsEmail, "is not an e-mail address");
            if ((rule.Keywords?.Count ?? 0) + (rule.FromDomains?.Count ?? 0) + (rule.FromAddresses?.Count ?? 0) == 0)
            {
                Error(path, "needs at least one condition: keywords, fromDomains or fromAddresses");
                continue;
            }

            if (priority is { } p && keywords is not null && domains is not null && addresses is not null)
            {
                result.Add(new PriorityRule(p, keywords, domains, addresses));
            }
        }

        return new PriorityRules(result, defaultPriority);
    }

    private Priority? PriorityNamed(string path, string name)
    {
        if (PriorityExtensions.TryParsePolicyName(name, out var priority))
        {
            return priority;
        }

        Error(path, $"'{name}' is not a priority ({string.Join(", ", PriorityExtensions.Names)})");
        return null;
    }

    private List<string>? Strings(string path, IReadOnlyList<string?>? values, Func<string, bool> isValid, string problem)
    {
        var result = new List<string>();
        var valid = true;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (value is null || !isValid(value))
            {
                Error($"{path}[{i}]", value is null ? "must be a string" : $"'{value}' {problem}");
                valid = false;
                continue;
            }

            result.Add(value);
        }

        return valid ? result : null;
    }

    private Dictionary<TargetKind, IReadOnlyList<EscalationLevel>> Escalations(EscalationsDocument? escalations)
    {
        var result = new Dictionary<TargetKind, IReadOnlyList<EscalationLevel>>();
        foreach (var (kind, name, levels) in new[]
        {
            (TargetKind.FirstResponse, "firstResponse", escalations?.FirstResponse),
            (TargetKind.NextUpdate, "nextUpdate", escalations?.NextUpdate),
            (TargetKind.Resolution, "resolution", escalations?.Resolution),
        })
        {
            result[kind] = EscalationLevels($"escalations.{name}", levels);
        }

        return result;
    }

    private List<EscalationLevel> EscalationLevels(string path, IReadOnlyList<EscalationLevelDocument?>? levels)
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
                Error(levelPath, "must be an object");
                continue;
            }

            if (string.IsNullOrWhiteSpace(level.Name))
            {
                Error($"{levelPath}.name", "is required (shown in notifications and the ticket history)");
            }
            else if (!names.Add(level.Name))
            {
                Error($"{levelPath}.name", $"'{level.Name}' is used by an earlier level; names must be unique per target");
            }

            if (level.AtPercent is not { } percent)
            {
                Error($"{levelPath}.atPercent", "is required (a whole percentage of the target, e.g. 75)");
            }
            else if (percent <= 0)
            {
                Error($"{levelPath}.atPercent", "must be positive");
            }
            else if (previousPercent is { } previous && percent <= previous)
            {
                Error($"{levelPath}.atPercent", $"must be greater than the previous level's {previous} (levels are in ascending order)");
            }

            previousPercent = level.AtPercent is > 0 ? level.AtPercent : previousPercent;
            var notify = Notify($"{levelPath}.notify", level.Notify);
            var actions = Actions($"{levelPath}.actions", level.Actions);
            if ((level.Notify?.Count ?? 0) + (level.Actions?.Count ?? 0) == 0)
            {
                Error(levelPath, "needs someone to notify or an action");
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
                { } address when IsEmail(address) => NotifyTarget.ForAddress(address),
                _ => null,
            };
            if (target is null)
            {
                Error(itemPath, $"'{text}' is not \"assignee\", \"teamLead\", \"manager\", \"team\" or an e-mail address");
                continue;
            }

            if (target.Role is RecipientRole.TeamLead or RecipientRole.Manager or RecipientRole.Team
                && _recipients.AddressFor(target) is null)
            {
                Error(itemPath, $"'{text}' needs an address in recipients.{text}");
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
                Error($"{path}[{i}]", $"'{actions[i]}' is not an action (the only one is \"raisePriority\")");
            }
        }

        return result;
    }
}
