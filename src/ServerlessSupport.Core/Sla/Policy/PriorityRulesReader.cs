using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>priorityRules</c> and <c>defaultPriority</c> sections: which priority a new ticket gets.</summary>
internal sealed class PriorityRulesReader(PolicyReading reading)
{
    /// <summary>The priority of a ticket no rule matches, when <c>defaultPriority</c> is left out or invalid.</summary>
    private const Priority DefaultPriority = Priority.Normal;

    public PriorityRules Read(IReadOnlyList<PriorityRuleDocument?>? rules, string? defaultPriorityName)
    {
        var defaultPriority = DefaultPriority;
        if (defaultPriorityName is not null)
        {
            defaultPriority = PriorityNamed("defaultPriority", defaultPriorityName) ?? DefaultPriority;
        }

        var result = new List<PriorityRule>();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var path = $"priorityRules[{i}]";
            var rule = rules![i];
            if (rule is null)
            {
                reading.Error(path, "must be an object");
                continue;
            }

            Priority? priority = rule.Priority is null ? null : PriorityNamed($"{path}.priority", rule.Priority);
            if (rule.Priority is null)
            {
                reading.Error($"{path}.priority", "is required (low, normal, high or urgent)");
            }

            var keywords = reading.Strings($"{path}.keywords", rule.Keywords, k => k.Trim().Length > 0, "must not be empty");
            var domains = reading.Strings($"{path}.fromDomains", rule.FromDomains, PolicyReading.IsDomain, "is not a domain such as example.com (no '@')");
            var addresses = reading.Strings($"{path}.fromAddresses", rule.FromAddresses, PolicyReading.IsEmail, "is not an e-mail address");
            if ((rule.Keywords?.Count ?? 0) + (rule.FromDomains?.Count ?? 0) + (rule.FromAddresses?.Count ?? 0) == 0)
            {
                reading.Error(path, "needs at least one condition: keywords, fromDomains or fromAddresses");
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

        reading.Error(path, $"'{name}' is not a priority ({string.Join(", ", PriorityExtensions.Names)})");
        return null;
    }
}
