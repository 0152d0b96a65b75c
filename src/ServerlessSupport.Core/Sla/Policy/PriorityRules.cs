using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The policy's ordered priority rules: the first rule that matches sets the priority, else the default.</summary>
internal sealed class PriorityRules(IReadOnlyList<PriorityRule> rules, Priority defaultPriority)
{
    public IReadOnlyList<PriorityRule> Rules { get; } = rules;

    public Priority DefaultPriority { get; } = defaultPriority;

    public Priority Evaluate(string? subject, string? body, string? fromAddress) =>
        FirstMatch(subject, body, fromAddress)?.Priority ?? DefaultPriority;

    public PriorityRule? FirstMatch(string? subject, string? body, string? fromAddress) =>
        Rules.FirstOrDefault(r => r.Matches(subject, body, fromAddress));
}
