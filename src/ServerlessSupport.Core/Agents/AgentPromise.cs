using ServerlessSupport.Core.Sla.Promises;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// A promise an agent makes with a public reply (docs/agents.md): an update or the solution by <see cref="By"/>. The mail
/// states it in one sentence, and it is tracked until kept or broken.
/// </summary>
internal sealed record AgentPromise(PromiseKind Kind, DateTimeOffset By)
{
    /// <summary>Why the promise cannot be made, or null: only with a public reply, and only for a date ahead, within a year.</summary>
    public string? Problem(bool isPublic, DateTimeOffset now) =>
        !isPublic ? "promise needs a public reply: an internal note never reaches the customer."
        : By <= now ? "promise.by is in the past."
        : By > now.AddYears(1) ? "promise.by is more than a year ahead."
        : null;
}
