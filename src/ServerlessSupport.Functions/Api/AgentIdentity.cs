namespace ServerlessSupport.Functions.Api;

/// <summary>The agent behind a request, set by <see cref="AgentGate"/> from the key's row.</summary>
internal sealed record AgentIdentity(string Name, string KeyId);

internal static class AgentIdentityExtensions
{
    /// <summary>The authenticated agent; only agent-level endpoints run with one, so its absence is a wiring bug.</summary>
    public static AgentIdentity GetAgent(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<AgentIdentity>()
            ?? throw new InvalidOperationException("No agent on this request: the function does not run through AgentGate.");
    }
}
