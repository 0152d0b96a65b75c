namespace ServerlessSupport.Storage.Agents;

/// <summary>A new key: the stored row and the full key text, which exists only here (the table keeps its hash).</summary>
internal sealed record CreatedAgentKey(AgentKey Key, string Secret);
