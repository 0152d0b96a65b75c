using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Standalone;

namespace ServerlessSupport.Functions.Tests;

/// <summary>The app in the standalone host on Kestrel at a free loopback port, built exactly as its Program.cs builds it.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="functions">The functions to run (default: the app's).</param>
    public static async Task<TestApp> StartAsync(
        string storageConnectionString,
        Action<IServiceCollection>? services = null,
        IReadOnlyList<FunctionEntry>? functions = null,
        params string[] settings)
    {
        // Development: without a SendGrid key the app keeps mail in the local outbox, which it does only there.
        var args = new List<string> { $"--AzureWebJobsStorage={storageConnectionString}", "--Support:SurveySigningKey=test-signing-key", "--urls=http://127.0.0.1:0", "--environment=Development" };

        // Settings use their Functions (environment) names; on the command line "__" must be spelled ":".
        args.AddRange(settings.Select(s => "--" + s[..s.IndexOf('=', StringComparison.Ordinal)].Replace("__", ":", StringComparison.Ordinal) + s[s.IndexOf('=', StringComparison.Ordinal)..]));
        var app = StandaloneHost.Build([.. args], builder => services?.Invoke(builder.Services), functions);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
