using Microsoft.Extensions.Hosting;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Functions.Sla;
using ServerlessSupport.Standalone;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

[Collection(AzuriteCollection.Name)]
public sealed class SlaStartupTests(AzuriteFixture fixture)
{
    /// <summary>The app as the standalone host's Program.cs builds it, with these settings.</summary>
    private IHost Build(Dictionary<string, string?> settings) => StandaloneHost.Build(
    [
        "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryRoot.Path, $"--AzureWebJobsStorage={fixture.ConnectionString}", "--environment=Development",
        .. settings.Select(s => $"--{s.Key}={s.Value}"),
    ]);

    [Fact]
    public async Task StartAsync_InvalidPolicy_FailsNamingTheField()
    {
        var path = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("policy") + ".json");
        var json = await File.ReadAllTextAsync(RepositoryRoot.Combine("config", "policy.json"));
        await File.WriteAllTextAsync(path, json.Replace("\"Europe/London\"", "\"Mars/Olympus\"", StringComparison.Ordinal));
        try
        {
            using var host = Build(new() { ["Support:PolicyPath"] = path, ["Support:SurveySigningKey"] = "k" });

            var ex = await Assert.ThrowsAsync<PolicyValidationException>(() => host.StartAsync());

            Assert.Contains("calendars.london.timeZone", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_AfterSolveWithoutSigningKey_Fails()
    {
        using var host = Build(new() { ["Storage:Prefix"] = AzuriteFixture.UniqueName("s")[..10] });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Support__SurveySigningKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DefaultPolicyAndKey_StartsAndResolvesTheSweeps()
    {
        using var host = Build(new() { ["Support:SurveySigningKey"] = "k", ["Storage:Prefix"] = AzuriteFixture.UniqueName("s")[..10] });

        await host.StartAsync();

        using var scope = host.Services.CreateScope();
        Assert.NotNull(ActivatorUtilities.CreateInstance<FollowUpSweepFunction>(scope.ServiceProvider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<EscalationSweepFunction>(scope.ServiceProvider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<CsatEndpoint>(scope.ServiceProvider));
        Assert.Equal(4, host.Services.GetRequiredService<SupportPolicy>().Priorities.Count);
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_ProductionWithoutSendGridKey_FailsNamingTheSetting()
    {
        using var host = Build(new() { ["Support:SurveySigningKey"] = "k", ["environment"] = "Production", ["Storage:Prefix"] = AzuriteFixture.UniqueName("s")[..10] });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("SendGrid__ApiKey is required outside the Development environment", ex.Message, StringComparison.Ordinal);
    }
}
