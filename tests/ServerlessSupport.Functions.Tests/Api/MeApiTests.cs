using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Api;

/// <summary>GET and PATCH /api/me over HTTP: the agent's address and notifications, on the whole app against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MeApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private IAgentDirectory Directory => _api.Host.Services.GetRequiredService<IAgentDirectory>();

    private Task<(HttpStatusCode Status, JsonNode? Body)> PatchMeAsync(object body) => _api.SendAsync(HttpMethod.Patch, "/api/me", body);

    [Fact]
    public async Task Me_AgentWithoutProfile_AnswersDefaultsAndWritesNothing()
    {
        var me = await _api.GetOkAsync("/api/me");

        Assert.Equal("alice", (string?)me["agent"]);
        Assert.Equal("alice", (string?)me["name"]);
        Assert.NotEmpty(me["languages"]!.AsArray());
        Assert.True(me.AsObject().ContainsKey("email"));
        Assert.Null(me["email"]);
        Assert.Equal(Notify(false, true, true), me["notify"]!.ToJsonString());
        Assert.Null(await Directory.GetAsync("alice", default));
    }

    [Fact]
    public async Task UpdateMe_AddressAndSwitch_SavedAndReturnedByGet()
    {
        var (status, body) = await PatchMeAsync(new JsonObject { ["email"] = " Alice.Smith@Example.COM ", ["notify"] = new JsonObject { ["newTickets"] = true } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Alice.Smith@example.com", (string?)body!["email"]);
        Assert.Equal("alice", (string?)body["agent"]);
        var me = await _api.GetOkAsync("/api/me");
        Assert.Equal("Alice.Smith@example.com", (string?)me["email"]);
        Assert.Equal(Notify(true, true, true), me["notify"]!.ToJsonString());
        var profile = await Directory.GetAsync("alice", default);
        Assert.Equal(8, profile!.Id.Length);
    }

    [Fact]
    public async Task UpdateMe_PartialPatch_KeepsWhatIsNotGiven()
    {
        await PatchMeAsync(new JsonObject { ["email"] = "alice@example.com", ["notify"] = new JsonObject { ["newTickets"] = true } });
        var id = (await Directory.GetAsync("alice", default))!.Id;

        var (status, body) = await PatchMeAsync(new JsonObject { ["notify"] = new JsonObject { ["assignments"] = false } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice@example.com", (string?)body!["email"]);
        Assert.Equal(Notify(true, true, false), body["notify"]!.ToJsonString());

        (status, body) = await PatchMeAsync(new JsonObject { ["email"] = "" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["email"]);
        Assert.Equal(Notify(true, true, false), body["notify"]!.ToJsonString());

        await PatchMeAsync(new JsonObject { ["email"] = "alice@example.com" });
        (_, body) = await PatchMeAsync("""{"email": null}""");
        Assert.Null(body!["email"]);

        (_, body) = await PatchMeAsync("{}");
        Assert.Null(body!["email"]);
        Assert.Equal(Notify(true, true, false), (await _api.GetOkAsync("/api/me"))["notify"]!.ToJsonString());
        Assert.Equal(id, (await Directory.GetAsync("alice", default))!.Id);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com, bob@example.com")]
    [InlineData("alice@example.com\r\nBcc: eve@example.com")]
    [InlineData("alice@localhost")]
    public async Task UpdateMe_BadEmail_Answers400AndKeepsTheAddress(string email)
    {
        await PatchMeAsync(new JsonObject { ["email"] = "alice@example.com" });

        var (status, body) = await PatchMeAsync(new JsonObject { ["email"] = email, ["notify"] = new JsonObject { ["newTickets"] = true } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("email must be one address", (string?)body!["error"], StringComparison.Ordinal);
        var me = await _api.GetOkAsync("/api/me");
        Assert.Equal("alice@example.com", (string?)me["email"]);
        Assert.Equal(Notify(false, true, true), me["notify"]!.ToJsonString());
    }

    [Fact]
    public async Task UpdateMe_TooLongEmailOrNonBooleanSwitch_Answers400()
    {
        var (status, body) = await PatchMeAsync(new JsonObject { ["email"] = new string('a', 64) + "@" + new string('b', 186) + ".com" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 254 characters", (string?)body!["error"], StringComparison.Ordinal);

        (status, _) = await PatchMeAsync("""{"notify": {"newTickets": "yes"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("support@example.test")]
    [InlineData("SUPPORT@Example.Test")]
    [InlineData("support+K7M2QX9P@example.test")]
    public async Task UpdateMe_SupportAddress_Answers400(string email)
    {
        var (status, body) = await PatchMeAsync(new JsonObject { ["email"] = email });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cannot be the support address", (string?)body!["error"], StringComparison.Ordinal);
        Assert.Null(await Directory.GetAsync("alice", default));
    }

    [Fact]
    public async Task OpenApiDocument_Me_DescribesGetAndPatch()
    {
        var doc = await _api.GetOkAsync("/api/openapi/v1.json");

        var me = doc["paths"]!["/api/me"]!;
        Assert.NotNull(me["get"]);
        Assert.NotNull(me["patch"]!["requestBody"]);
        Assert.NotNull(me["patch"]!["responses"]!["400"]);
    }

    private static string Notify(bool newTickets, bool customerReplies, bool assignments) =>
        new JsonObject { ["newTickets"] = newTickets, ["customerReplies"] = customerReplies, ["assignments"] = assignments }.ToJsonString();
}
