using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Api;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.CustomerSide;

/// <summary>The survey link over HTTP on the whole app: what a link scanner does records nothing; the page's form does.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SurveyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(string Id, string Token)> SolvedAsync(SurveyRating rating)
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var solved = await _api.PatchAsync(id, new JsonObject { ["status"] = "solved", ["version"] = await _api.VersionAsync(id) });
        var resolution = (int)solved.Body!["ticket"]!["resolutionCount"]!;

        // The same key the app signs with (PipelineHost's Support:SurveySigningKey), as the check-back email would carry it.
        var token = new SurveyTokens("test-survey-signing-key").Create(TicketId.Parse(id), rating, TimeProvider.System.GetUtcNow().AddDays(14), resolution);
        return (id, token);
    }

    [Fact]
    public async Task LinkOpenedByScanners_RecordsNothing_ThePageFormRecordsTheAnswer()
    {
        var (id, token) = await SolvedAsync(SurveyRating.Good);
        var version = await _api.VersionAsync(id);

        using var get = await _api.Host.Client.GetAsync($"/api/csat/{token}");
        using var head = await _api.Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/csat/{token}"));
        var page = await get.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (get.StatusCode, head.StatusCode));
        Assert.Contains("value=\"good\" checked", page, StringComparison.Ordinal);
        Assert.Equal(version, await _api.VersionAsync(id));
        Assert.Null((await _api.TicketAsync(id))["survey"]);

        using var post = await _api.Host.Client.PostAsync($"/api/csat/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rating"] = "bad",
            ["comment"] = "Took <i>three</i> emails.",
        }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Thank you!", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var survey = (await _api.TicketAsync(id))["survey"]!;
        Assert.Equal(("bad", 1, "Took <i>three</i> emails."), ((string?)survey["rating"], (int)survey["resolution"]!, (string?)survey["comment"]));

        using var again = await _api.Host.Client.PostAsync($"/api/csat/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["rating"] = "good" }));
        Assert.Contains("Already recorded", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("bad", (string?)(await _api.TicketAsync(id))["survey"]!["rating"]);
    }

    [Fact]
    public async Task Metrics_AnswersOfThePeriod_CountedPerPeriod()
    {
        foreach (var rating in new[] { SurveyRating.Good, SurveyRating.Good, SurveyRating.Bad })
        {
            var (_, token) = await SolvedAsync(rating);
            using var post = await _api.Host.Client.PostAsync($"/api/csat/{token}", new FormUrlEncodedContent(new Dictionary<string, string>()));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        var csat = (await _api.GetOkAsync("/api/metrics"))["csat"]!.AsArray();

        Assert.Equal([7, 30], csat.Select(p => (int)p!["days"]!));
        Assert.All(csat, p => Assert.Equal((3, 2, 1), ((int)p!["answered"]!, (int)p["good"]!, (int)p["bad"]!)));
        Assert.Equal(0.6667, (double)csat[0]!["goodShare"]!);
    }

    [Fact]
    public async Task Post_NotAForm_Answers415AndRecordsNothing()
    {
        var (id, token) = await SolvedAsync(SurveyRating.Good);

        using var post = await _api.Host.Client.PostAsync($"/api/csat/{token}", new StringContent("{\"rating\":\"good\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
        Assert.Null((await _api.TicketAsync(id))["survey"]);
    }
}
