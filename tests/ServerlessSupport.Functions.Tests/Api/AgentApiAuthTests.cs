using System.Net;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed class AgentApiAuthTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Me_WithBearerKey_ReturnsAgentName()
    {
        var me = await _api.GetOkAsync("/api/me");

        Assert.Equal("alice", (string?)me["agent"]);
    }

    [Fact]
    public async Task Me_WithApiKeyHeader_ReturnsAgentName()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("x-api-key", await _api.Host.CreateAgentKeyAsync("bob"));

        using var response = await _api.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"agent\":\"bob\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/tickets")]
    [InlineData("/api/tickets/K7M2QX9P")]
    [InlineData("/api/metrics")]
    [InlineData("/api/intake-records")]
    [InlineData("/api/openapi/v1.json")]
    public async Task AgentEndpoint_WithoutKey_Answers401WithJsonError(string path)
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, path, client: _api.Host.Client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("API key", (string?)body!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithWrongSecret_Answers401()
    {
        var forged = _api.Key[..^4] + (_api.Key.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        using var client = _api.Host.CreateAgentClient(forged);

        var (status, _) = await _api.SendAsync(HttpMethod.Get, "/api/me", client: client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Me_WithRevokedKey_Answers401()
    {
        var store = _api.Host.Services.GetRequiredService<TableAgentKeyStore>();
        var created = await store.CreateAsync("mallory", default);
        await store.RevokeAsync(created.Key.Id, default);
        using var client = _api.Host.CreateAgentClient(created.Secret);

        var (status, _) = await _api.SendAsync(HttpMethod.Get, "/api/me", client: client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Me_KeyRevokedThroughVerifierAfterUse_StopsAtOnce()
    {
        var store = _api.Host.Services.GetRequiredService<TableAgentKeyStore>();
        var created = await store.CreateAsync("carol", default);
        using var client = _api.Host.CreateAgentClient(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/api/me", client: client)).Status);

        await _api.Host.Services.GetRequiredService<Functions.Api.AgentKeyVerifier>().RevokeAsync(created.Key.Id, default);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Get, "/api/me", client: client)).Status);
    }

    [Fact]
    public async Task Health_WithoutKey_StaysAnonymous()
    {
        using var response = await _api.Host.Client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_WithKey_ListsTheApiRoutes()
    {
        var doc = await _api.GetOkAsync("/api/openapi/v1.json");

        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/me", "/api/tickets", "/api/tickets/{id}", "/api/tickets/{id}/replies", "/api/metrics", "/api/intake-records" })
        {
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        }

        Assert.NotNull(paths["/api/tickets/{id}"]!["patch"]);
        Assert.NotNull(paths["/api/tickets/{id}/replies"]!["post"]!["requestBody"]);
        Assert.NotNull(doc["components"]!["securitySchemes"]!["agentKey"]);
    }
}
