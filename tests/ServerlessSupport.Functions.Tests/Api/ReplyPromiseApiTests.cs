using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Api;

/// <summary>A promise made with a reply, over HTTP on the whole app against Azurite and the local SendGrid server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReplyPromiseApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    /// <summary>The app runs on the real clock, so the promises' dates are counted from it.</summary>
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Reply_WithResolutionPromise_MailStatesItAndTheTicketTracksIt()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var by = Now.AddDays(3).ToOffset(TimeSpan.FromHours(2));
        var promise = new JsonObject { ["kind"] = "resolution", ["by"] = by.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) };

        var (status, body) = await _api.ReplyAsync(id, "The part is on its way.", isPublic: true, await _api.VersionAsync(id), promise);

        Assert.Equal(HttpStatusCode.OK, status);
        var mail = (await _api.Host.SendGrid.WaitForRequestsAsync(2))[1].Content("text/plain")!;
        Assert.Contains("The part is on its way.\n\nWe expect to have this solved by ", mail, StringComparison.Ordinal);
        var promises = body!["ticket"]!["promises"]!.AsArray();
        Assert.Equal(["firstResponse:kept", "resolution:open"], promises.Select(p => $"{(string?)p!["kind"]}:{(string?)p["state"]}"));
        Assert.Equal("alice", (string?)promises[1]!["madeBy"]);
        Assert.Equal(by.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)promises[1]!["by"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.True((long)promises[1]!["remainingSeconds"]! > 2 * 86_400);
        var listed = (await _api.GetOkAsync("/api/tickets"))["items"]!.AsArray().Single(t => (string?)t!["id"] == id)!;
        Assert.Equal("resolution", (string?)listed["promise"]!["kind"]);
    }

    [Theory]
    [InlineData(false, "update", "2d", "promise needs a public reply")]
    [InlineData(true, "update", "-1h", "promise.by is in the past.")]
    [InlineData(true, "resolution", "400d", "promise.by is more than a year ahead.")]
    [InlineData(true, "firstResponse", "2d", "promise.kind must be update or resolution.")]
    [InlineData(true, "update", "no-offset", "promise.by must be an ISO 8601 date and time with its offset")]
    public async Task Reply_PromiseThatCannotBeMade_Answers400AndSendsNothing(bool isPublic, string kind, string when, string problem)
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var version = await _api.VersionAsync(id);
        var by = when switch
        {
            "no-offset" => Now.UtcDateTime.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            "-1h" => Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            _ => Now.AddDays(int.Parse(when.TrimEnd('d'), System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        };

        var (status, body) = await _api.ReplyAsync(id, "Soon.", isPublic, version, new JsonObject { ["kind"] = kind, ["by"] = by });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(problem, (string?)body!["error"], StringComparison.Ordinal);
        Assert.Equal(version, await _api.VersionAsync(id));
        Assert.Single(_api.Host.SendGrid.Requests);
    }
}
