using Xunit;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>
/// One fake SendGrid server for a test class or collection (system clock). Tests sharing it call
/// <see cref="FakeSendGridServer.Reset"/> first, or filter <see cref="FakeSendGridServer.Requests"/> by their own data.
/// </summary>
public sealed class FakeSendGridFixture : IAsyncLifetime
{
    private FakeSendGridServer? _server;

    public FakeSendGridServer Server => _server ?? throw new InvalidOperationException("The fake SendGrid server has not started.");

    public async Task InitializeAsync() => _server = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
