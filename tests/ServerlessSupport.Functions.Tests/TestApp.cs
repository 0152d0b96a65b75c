using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Tests;

/// <summary>The real app on Kestrel at a free loopback port, built exactly as Program.cs builds it.</summary>
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

    /// <param name="customHandler">Runs as the Functions custom handler (FUNCTIONS_CUSTOMHANDLER_PORT=0: any free port).</param>
    public static async Task<TestApp> StartAsync(
        string storageConnectionString,
        bool customHandler,
        Action<IServiceCollection>? services = null,
        params string[] settings)
    {
        var args = new List<string> { $"--AzureWebJobsStorage={storageConnectionString}", "--Support:SurveySigningKey=test-signing-key" };
        args.Add(customHandler ? "--FUNCTIONS_CUSTOMHANDLER_PORT=0" : "--urls=http://127.0.0.1:0");

        // Under the Functions host the app insists on a SendGrid key; these tests never send mail.
        if (customHandler)
        {
            args.Add("--SendGrid:ApiKey=test-key-not-used");
        }

        // Settings use their Functions (environment) names; on the command line "__" must be spelled ":".
        args.AddRange(settings.Select(s => "--" + s[..s.IndexOf('=', StringComparison.Ordinal)].Replace("__", ":", StringComparison.Ordinal) + s[s.IndexOf('=', StringComparison.Ordinal)..]));
        var app = ServerlessSupportApp.Build([.. args], builder => services?.Invoke(builder.Services));
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
