using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Outbound;

/// <summary>The fake server's own behaviour, driven with raw HTTP so it does not depend on the sender.</summary>
public sealed class FakeSendGridServerTests : IAsyncLifetime
{
    private const string ValidBody = """
        {
          "personalizations": [{ "to": [{ "email": "ada@example.net" }] }],
          "from": { "email": "support@example.com" },
          "subject": "Hello",
          "content": [{ "type": "text/plain", "value": "Hi" }, { "type": "text/html", "value": "<p>Hi</p>" }],
          "headers": { "Message-ID": "<m1@example.com>" }
        }
        """;

    private readonly FakeTimeProvider _time = new();
    private readonly HttpClient _http = new();
    private FakeSendGridServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSendGridServer.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Post_ValidBody_Answers202WithMessageIdAndRecordsTheRequest()
    {
        using var response = await PostAsync(ValidBody);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues("X-Message-Id"));
        var request = Assert.Single(_server.Requests);
        Assert.Equal(1, request.Sequence);
        Assert.Equal(_time.GetUtcNow(), request.ReceivedAt);
        Assert.Equal(ValidBody, request.RawBody);
        Assert.Equal(id, request.Answer!.MessageId);
        Assert.Equal("Hello", request.Subject);
        Assert.Equal(["ada@example.net"], request.To);
        Assert.Equal("<m1@example.com>", request.MailHeader("message-id"));
        Assert.Equal("<p>Hi</p>", request.Content("text/html"));
    }

    [Fact]
    public async Task Post_KeepRequestsOff_AnswersAndRaisesEventButKeepsNothing()
    {
        _server.KeepRequests = false;
        var seen = new List<FakeSendGridRequest>();
        _server.RequestRecorded += r => { lock (seen) { seen.Add(r); } };
        var missingContent = JsonNode.Parse(ValidBody)!.AsObject();
        missingContent.Remove("content");

        using var valid = await PostAsync(ValidBody);
        using var invalid = await PostAsync(missingContent.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Empty(_server.Requests);
        Assert.Equal([202, 400], seen.Select(r => r.Answer!.Status));
        Assert.Equal("<m1@example.com>", seen[0].MailHeader("message-id"));
    }

    [Fact]
    public async Task Post_TwoRequests_GetDifferentMessageIds()
    {
        using var first = await PostAsync(ValidBody);
        using var second = await PostAsync(ValidBody);

        Assert.NotEqual(first.Headers.GetValues("X-Message-Id").Single(), second.Headers.GetValues("X-Message-Id").Single());
    }

    [Fact]
    public async Task Post_MissingFrom_Answers400WithSendGridShapedError()
    {
        var body = JsonNode.Parse(ValidBody)!.AsObject();
        body.Remove("from");

        using var response = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ErrorsAsync(response)).Single();
        Assert.Equal("from", (string?)error["field"]);
        Assert.StartsWith("The from object must be provided", (string?)error["message"], StringComparison.Ordinal);
        Assert.NotNull((string?)error["help"]);
    }

    [Theory]
    [InlineData("""{"personalizations":[],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", "personalizations")]
    [InlineData("""{"personalizations":[{"to":[]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", "personalizations.0.to")]
    [InlineData("""{"personalizations":[{"to":[{"email":"nope"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", "personalizations.0.to.0.email")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"content":[{"type":"text/plain","value":"x"}]}""", "subject")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s"}""", "content")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":""}]}""", "content.0.value")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/html","value":"<p>x</p>"},{"type":"text/plain","value":"x"}]}""", "content.1.type")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}],"headers":{"Reply-To":"c@example.com"}}""", "headers")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}],"headers":{"In-Reply-To":"<a>\r\nBcc: c@example.com"}}""", "headers.In-Reply-To")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s\nBcc: c@example.com","content":[{"type":"text/plain","value":"x"}]}""", "subject")]
    [InlineData("""{"personalizations":[{"to":[{"email":"b@example.com"}]}],"from":{"email":"a@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}],"custom_args":{"n":1}}""", "custom_args.n")]
    public async Task Post_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ErrorsAsync(response)).Select(e => (string?)e["field"]));
    }

    [Fact]
    public async Task Post_NotJson_Answers400BadRequest()
    {
        using var response = await PostAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad Request", (string?)(await ErrorsAsync(response)).Single()["message"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer SG.other")]
    [InlineData("Basic abc")]
    public async Task Post_WithoutTheRightKey_Answers401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "/v3/mail/send"))
        {
            Content = new StringContent(ValidBody, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, Assert.Single(_server.Requests).Answer!.Status);
    }

    [Fact]
    public async Task FailNext_TwoFailures_ThenAcceptsAgain()
    {
        _server.FailNext(2, 503);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync(ValidBody);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted], statuses);
    }

    [Fact]
    public async Task RateLimit_UntilResetOnTheServerClock_Answers429WithHeaders()
    {
        var resetAt = _time.GetUtcNow().AddSeconds(60);
        _server.RateLimit(resetAt);

        using var limited = await PostAsync(ValidBody);
        _time.Advance(TimeSpan.FromSeconds(60));
        using var after = await PostAsync(ValidBody);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(resetAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("600", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
    }

    [Fact]
    public async Task AlwaysFail_ThenReset_BackToDefaultWithNoRecordedRequests()
    {
        _server.AlwaysFail(500);
        using (var failed = await PostAsync(ValidBody))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        _server.Reset();

        Assert.Empty(_server.Requests);
        using var ok = await PostAsync(ValidBody);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
    }

    [Fact]
    public async Task Respond_SeesValidationErrorsAndCanOverride()
    {
        _server.Respond = r => r.ValidationErrors.Count > 0 ? FakeSendGridAnswer.Accepted("forced") : null;

        using var response = await PostAsync("""{"subject":"only"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("forced", response.Headers.GetValues("X-Message-Id").Single());
        Assert.NotEmpty(Assert.Single(_server.Requests).ValidationErrors);
    }

    [Fact]
    public async Task Post_UnknownPath_Answers404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "/v3/mail/batch")) { Content = new StringContent(ValidBody) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.ApiKey);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WaitForRequestsAsync_TooFewRequests_ThrowsTimeout()
    {
        using var response = await PostAsync(ValidBody);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => _server.WaitForRequestsAsync(2, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("saw 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForRequestsAsync_ConcurrentRequests_AllRecordedOnce()
    {
        var posts = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await PostAsync(ValidBody);
            return response.StatusCode;
        }).ToList();

        var seen = await _server.WaitForRequestsAsync(20, TimeSpan.FromSeconds(15));

        Assert.All(await Task.WhenAll(posts), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seen.Select(r => r.Sequence).Order());
        Assert.Equal(20, seen.Select(r => r.Answer!.MessageId).Distinct().Count());
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "/v3/mail/send"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.ApiKey);
        return await _http.SendAsync(request);
    }

    private static async Task<IReadOnlyList<JsonNode>> ErrorsAsync(HttpResponseMessage response) =>
        [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray().Select(e => e!)];
}
