using System.Net;
using System.Text.Json;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Health;

[Collection(AzuriteCollection.Name)]
public sealed class HealthEndpointTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Get_AllServicesUp_Answers200Healthy()
    {
        await using var app = await TestApp.StartAsync(fixture.ConnectionString);

        using var response = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        var services = body.RootElement.GetProperty("services");
        Assert.Equal("reachable", services.GetProperty("blob").GetString());
        Assert.Equal("reachable", services.GetProperty("queue").GetString());
        Assert.Equal("reachable", services.GetProperty("table").GetString());
    }

    [Fact]
    public async Task Get_QueueServiceDown_Answers503NamingQueueWithoutSecrets()
    {
        var deadPort = DeadPort();
        var azurite = fixture.Azurite;
        var connection = AzuriteProcess.ConnectionStringFor(azurite.BlobPort, deadPort, azurite.TablePort);
        await using var app = await TestApp.StartAsync(connection);

        using var response = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        var services = body.RootElement.GetProperty("services");
        Assert.StartsWith("unreachable: ", services.GetProperty("queue").GetString(), StringComparison.Ordinal);
        Assert.Equal("reachable", services.GetProperty("blob").GetString());
        Assert.Equal("reachable", services.GetProperty("table").GetString());
        Assert.DoesNotContain(AzuriteProcess.AccountKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(deadPort.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    private static int DeadPort() => LoopbackPort.Free();
}
