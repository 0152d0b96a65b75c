using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Storage.Agents;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// Verifies agent keys against the AgentKeys table and remembers a verified key for <see cref="CacheDuration"/>, so a
/// busy dashboard costs no table read per request. A key revoked elsewhere (the admin command, another instance) stops
/// working within that window; one revoked through this instance stops at once. Failures are not cached.
/// </summary>
internal sealed class AgentKeyVerifier(TableAgentKeyStore store, TimeProvider time)
{
    private const int MaxCached = 10_000;

    // Keyed by the key's SHA-256, so the cache holds no usable key text.
    private readonly ConcurrentDictionary<string, (AgentKey Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<AgentKey?> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return null;
        }

        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented.Trim())));
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        var key = await store.VerifyAsync(presented, cancellationToken);
        if (key is null)
        {
            _cache.TryRemove(cacheKey, out _);
            return null;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        if (CacheDuration > TimeSpan.Zero)
        {
            _cache[cacheKey] = (key, now + CacheDuration);
        }

        return key;
    }

    /// <summary>Revokes through the store and drops the key from this instance's cache at once.</summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(keyId, cancellationToken);
        foreach (var entry in _cache.Where(e => e.Value.Key.Id == keyId).ToList())
        {
            _cache.TryRemove(entry.Key, out _);
        }

        return revoked;
    }
}
