using Xunit;

namespace ServerlessSupport.Testing;

/// <summary>
/// One Azurite for a whole test project (use it through an xunit collection fixture). Tests isolate themselves
/// by using unique queue, table and container names from <see cref="UniqueName"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>A name legal for queues, tables and containers (lower-case letters and digits, starts with a letter).</summary>
    public static string UniqueName(string prefix = "t") =>
        (prefix + Guid.NewGuid().ToString("N"))[..Math.Min(prefix.Length + 20, 63)].ToLowerInvariant();

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
