using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Outbound;

/// <summary>The sender against the real fake SendGrid server over HTTP; each test has its own server and fake clock.</summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new();
    private readonly HttpClient _http = new();
    private readonly CapturingLogger<SendGridEmailSender> _logger = new();
    private FakeSendGridServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeSendGridServer.StartAsync(time: _time);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task SendAsync_Accepted_ReturnsSentWithMessageIdAndSendsExactJson()
    {
        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(202, request.Answer!.Status);
        Assert.Equal(new SendResult.Sent(request.Answer.MessageId), result);
        Assert.False(string.IsNullOrEmpty(request.Answer.MessageId));
        Assert.Equal("Bearer " + _server.ApiKey, request.Authorization);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        var expected = JsonNode.Parse("""
            {
              "personalizations": [{ "to": [{ "email": "ada@example.net", "name": "Ada Lovelace" }] }],
              "from": { "email": "support@example.com", "name": "Example Support" },
              "subject": "[#K7Q2M] We got your message",
              "content": [
                { "type": "text/plain", "value": "Hello Ada, we will answer within 4 business hours." },
                { "type": "text/html", "value": "<p>Hello Ada, we will answer within 4 business hours.</p>" }
              ],
              "headers": {
                "Message-ID": "<ack-1@support.example.com>",
                "In-Reply-To": "<c1@mail.example.net>",
                "References": "<c0@mail.example.net> <c1@mail.example.net>",
                "Auto-Submitted": "auto-replied"
              },
              "custom_args": { "ticket": "K7Q2M", "outbox": "o-1" }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, request.Body), "Sent JSON was: " + request.RawBody);
    }

    [Fact]
    public async Task SendAsync_NoHtmlNoThreadingNoTags_SendsOnlyTextPlainAndMessageId()
    {
        var email = new OutboundEmailBuilder()
            .WithHtml(null).WithInReplyTo(null).WithReferences().WithAutoSubmitted(null)
            .WithTags(new Dictionary<string, string>())
            .Build();

        var result = await Sender().SendAsync(email, CancellationToken.None);

        Assert.IsType<SendResult.Sent>(result);
        var body = Assert.Single(_server.Requests).Body!;
        var content = Assert.Single(body["content"]!.AsArray());
        Assert.Equal("text/plain", (string?)content!["type"]);
        Assert.Equal(["Message-ID"], body["headers"]!.AsObject().Select(h => h.Key));
        Assert.Null(body["custom_args"]);
        Assert.Null(body["reply_to"]);
    }

    [Fact]
    public async Task SendAsync_ReplyToAndCommaInRecipientName_SendsReplyToAndQuotesName()
    {
        var email = new OutboundEmailBuilder()
            .WithTo(new Mailbox("ada@example.net", "Lovelace, Ada"), new Mailbox("bob@example.org"))
            .WithReplyTo(new Mailbox("support+K7Q2M@example.com", "Support"))
            .Build();

        await Sender().SendAsync(email, CancellationToken.None);

        var body = Assert.Single(_server.Requests).Body!;
        var to = body["personalizations"]![0]!["to"]!.AsArray();
        Assert.Equal("\"Lovelace, Ada\"", (string?)to[0]!["name"]);
        Assert.Equal("bob@example.org", (string?)to[1]!["email"]);
        Assert.Null(to[1]!["name"]);
        Assert.Equal("support+K7Q2M@example.com", (string?)body["reply_to"]!["email"]);
    }

    [Fact]
    public async Task SendAsync_CrLfInSubjectNameAndInReplyTo_NeverReachesTheWire()
    {
        var email = new OutboundEmailBuilder()
            .WithSubject("[#K7Q2M] Re: hi\r\nBcc: victim@example.org\u2028\0")
            .WithFrom(new Mailbox("support@example.com", "Support\r\nX-Evil: 1"))
            .WithTo(new Mailbox("ada@example.net", "Ada\nBcc: victim@example.org"))
            .WithInReplyTo("<c1@mail.example.net>\r\nBcc: victim@example.org")
            .WithReferences("<c0@mail.example.net>\n\rX-Injected: yes", "<c1@mail.example.net>")
            .WithAutoSubmitted("auto-replied\r\n")
            .Build();

        var result = await Sender().SendAsync(email, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.IsType<SendResult.Sent>(result);
        Assert.Empty(request.ValidationErrors);
        foreach (var forbidden in new[] { "\r", "\n", "\\r", "\\n", "\\u000D", "\\u000A", "\\u000d", "\\u000a" })
        {
            Assert.DoesNotContain(forbidden, request.RawBody, StringComparison.Ordinal);
        }

        Assert.Equal("[#K7Q2M] Re: hi Bcc: victim@example.org", request.Subject);
        Assert.Equal("<c1@mail.example.net> Bcc: victim@example.org", request.MailHeader("In-Reply-To"));
        Assert.Equal("<c0@mail.example.net> X-Injected: yes <c1@mail.example.net>", request.MailHeader("References"));
        Assert.Equal("auto-replied", request.MailHeader("Auto-Submitted"));
        Assert.Equal("Support X-Evil: 1", (string?)request.Body!["from"]!["name"]);
    }

    [Fact]
    public async Task SendAsync_LongThread_KeepsEveryReferenceInOrder()
    {
        var references = Enumerable.Range(0, 60).Select(i => $"<message-{i:D3}-of-a-long-thread@mail.example.net>").ToArray();

        await Sender().SendAsync(new OutboundEmailBuilder().WithReferences(references).Build(), CancellationToken.None);

        Assert.Equal(string.Join(' ', references), Assert.Single(_server.Requests).MailHeader("References"));
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithReset_ReturnsRetryLaterUntilTheReset()
    {
        _server.RateLimit(_time.GetUtcNow().AddSeconds(42));

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Equal(TimeSpan.FromSeconds(42), retry.After);
        var answer = Assert.Single(_server.Requests).Answer!;
        Assert.Equal(429, answer.Status);
        Assert.Equal("0", answer.Headers["X-RateLimit-Remaining"]);
    }

    [Fact]
    public async Task SendAsync_RateLimitOverOnTheClock_IsAcceptedAgain()
    {
        _server.RateLimit(_time.GetUtcNow().AddSeconds(10));
        var sender = Sender();
        Assert.IsType<SendResult.RetryLater>(await sender.SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.IsType<SendResult.Sent>(await sender.SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_RateLimitResetAlreadyPast_WaitsAtLeastOneSecond()
    {
        _server.Enqueue(FakeSendGridAnswer.TooManyRequests(_time.GetUtcNow().AddSeconds(-5)));

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<SendResult.RetryLater>(result).After);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterOnly_UsesRetryAfter()
    {
        _server.Enqueue(FakeSendGridAnswer.Failure(429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "17" } });

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(17), Assert.IsType<SendResult.RetryLater>(result).After);
    }

    [Fact]
    public async Task SendAsync_429WithoutHints_RetryLaterWithoutAfter()
    {
        _server.FailNext(1, 429);

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Null(Assert.IsType<SendResult.RetryLater>(result).After);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task SendAsync_ServerErrorOrRequestTimeout_ReturnsRetryLater(int status)
    {
        _server.FailNext(1, status);

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Null(retry.After);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_InvalidFromAddress_ReturnsRejectedWithSendGridsMessage()
    {
        var email = new OutboundEmailBuilder().WithFrom(new Mailbox("not-an-address")).Build();

        var result = await Sender().SendAsync(email, CancellationToken.None);

        Assert.Equal(new SendResult.Rejected(400, "The from email does not contain a valid address."), result);
        Assert.Equal(400, Assert.Single(_server.Requests).Answer!.Status);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_ReturnsRejected401WithoutTheKey()
    {
        var result = await Sender(apiKey: "SG.wrong-key").SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        var rejected = Assert.IsType<SendResult.Rejected>(result);
        Assert.Equal(401, rejected.Status);
        Assert.Equal("The provided authorization grant is invalid, expired, or revoked", rejected.Reason);
        Assert.DoesNotContain("SG.wrong-key", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_logger.Entries, e => e.Contains("SG.wrong-key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(413)]
    public async Task SendAsync_OtherClientError_ReturnsRejected(int status)
    {
        _server.FailNext(1, status);

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal(status, Assert.IsType<SendResult.Rejected>(result).Status);
    }

    [Fact]
    public async Task SendAsync_ErrorEchoesTheApiKey_KeyIsRedactedFromReasonAndLogs()
    {
        _server.Respond = _ => FakeSendGridAnswer.Error(400, "bad key " + _server.ApiKey + " used");

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal(new SendResult.Rejected(400, "bad key *** used"), result);
        Assert.NotEmpty(_logger.Entries);
        Assert.DoesNotContain(_logger.Entries, e => e.Contains(_server.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ErrorBodyNotJson_ReasonIsTheStatus()
    {
        _server.Enqueue(new FakeSendGridAnswer(404) { Body = "<html>nope</html>" });

        var result = await Sender().SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal(new SendResult.Rejected(404, "404 Not Found"), result);
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_ReturnsRetryLaterWhenTheTimeoutPasses()
    {
        _server.NeverAnswer();
        var send = Sender(timeout: TimeSpan.FromSeconds(30)).SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);
        await _server.WaitForRequestsAsync(1, Wait);
        Assert.False(send.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(30));

        var result = await send.WaitAsync(Wait);
        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Null(retry.After);
        Assert.Contains("did not answer", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsInsteadOfRetryLater()
    {
        _server.NeverAnswer();
        using var cancel = new CancellationTokenSource();
        var send = Sender().SendAsync(new OutboundEmailBuilder().Build(), cancel.Token);
        await _server.WaitForRequestsAsync(1, Wait);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Wait));
    }

    [Fact]
    public async Task SendAsync_ServerUnreachable_ReturnsRetryLater()
    {
        var gone = await FakeSendGridServer.StartAsync();
        var baseUrl = gone.BaseUrl;
        await gone.DisposeAsync();

        var result = await Sender(baseUrl: baseUrl).SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        var retry = Assert.IsType<SendResult.RetryLater>(result);
        Assert.Null(retry.After);
        Assert.Contains("could not be reached", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BaseUrlWithPath_PostsBelowIt()
    {
        var baseUrl = new Uri(_server.BaseUrl, "/prefix");

        var result = await Sender(baseUrl: baseUrl).SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.Equal("/prefix/v3/mail/send", Assert.Single(_server.Requests).Path);
        Assert.Equal(404, Assert.IsType<SendResult.Rejected>(result).Status);
    }

    private SendGridEmailSender Sender(string? apiKey = null, Uri? baseUrl = null, TimeSpan? timeout = null) =>
        new(
            _http,
            Options.Create(new SendGridOptions
            {
                ApiKey = apiKey ?? _server.ApiKey,
                BaseUrl = baseUrl ?? _server.BaseUrl,
                Timeout = timeout ?? TimeSpan.FromSeconds(30),
            }),
            _time,
            _logger);
}
