namespace ServerlessSupport.Storage.Agents;

/// <summary>One agent API key as stored (never the secret): who it belongs to and whether it was revoked.</summary>
internal sealed record AgentKey(string Id, string Agent, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
