using System.Net;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Pipeline;

/// <summary>The intake promise end to end: webhook → blob + queue → ticket → acknowledgment through (local) SendGrid.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntakeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PostJson_NewHumanEmail_OpensTicketAndSendsOneAcknowledgment()
    {
        var mail = new InboundMailBuilder();

        using var response = await _host.PostInboundAsync("json", mail.ToContent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        var ticket = Assert.Single(await _host.GetTicketsAsync());
        var ack = Assert.Single(_host.SendGrid.Requests);
        Assert.Equal(202, ack.Answer!.Status);
        Assert.Equal($"[#{ticket.Id}] Re: Printer on fire", ack.Subject);
        Assert.Equal("auto-replied", ack.MailHeader("Auto-Submitted"));
        Assert.Equal(mail.MessageId, ack.MailHeader("In-Reply-To"));
        Assert.Contains(ticket.Id.ToString(), ack.MailHeader("Message-ID"), StringComparison.Ordinal);
        Assert.Contains(ticket.Id.ToString(), ack.Content("text/plain"), StringComparison.Ordinal);
        Assert.Equal(["jane@customer.example"], ack.To);
        Assert.NotNull(ticket.FirstResponseDue);
        Assert.NotNull(ticket.AcknowledgedAt);

        var outbox = await _host.Services.GetRequiredService<ITicketStore>().GetOutboxAsync(ticket.Id, 1, default);
        Assert.Equal(OutboxState.Sent, outbox!.State);
        Assert.Equal(ack.Answer.MessageId, outbox.ProviderMessageId);
    }

    [Fact]
    public async Task PostJson_PersonAskingForNoAutoReplies_OpensTicketWithoutAcknowledgment()
    {
        var mail = new InboundMailBuilder().Header("X-Auto-Response-Suppress", "All");

        using var response = await _host.PostInboundAsync("json", mail.ToContent());
        await _host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = Assert.Single(await _host.GetTicketsAsync());
        Assert.Null(ticket.AcknowledgedAt);
        Assert.Empty(_host.SendGrid.Requests);
        var events = await _host.Services.GetRequiredService<ITicketStore>().GetEventsAsync(ticket.Id, default);
        var suppressed = Assert.Single(events, e => e.Kind == TicketEventKinds.AutoReplySuppressed);
        Assert.Contains("X-Auto-Response-Suppress: All", suppressed.Detail, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await _host.GetMessagesAsync(ticket.Id)).AutomaticReason);
    }

    [Fact]
    public async Task PostJson_SameEmailTwice_OneTicketOneAcknowledgment()
    {
        var mail = new InboundMailBuilder();

        using var first = await _host.PostInboundAsync("json", mail.ToContent());
        using var second = await _host.PostInboundAsync("json", mail.ToContent());
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(await _host.GetTicketsAsync());
        Assert.Single(_host.SendGrid.Requests);
        var ticket = await _host.FindTicketByMessageIdAsync(mail.MessageId);
        Assert.Single(await _host.GetMessagesAsync(ticket!.Id));
    }

    [Fact]
    public async Task ProcessInbound_SameQueueMessageTwice_OneTicketOneAcknowledgment()
    {
        var mail = new InboundMailBuilder();
        using var response = await _host.PostInboundAsync("json", mail.ToContent());
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        // Deliver the same payload again, as a queue would after a lost delete.
        var record = Assert.Single(await _host.GetTicketsAsync());
        var pointer = new InboundQueueMessage("replayed", InboundQueueMessage.JsonFormat, "application/json", record.CreatedAt).WithInline(mail.ToBytes());
        await _host.Services.GetRequiredService<IInboundQueue>().EnqueueAsync(pointer!, default);
        await _host.WaitForIdleAsync();

        Assert.Single(await _host.GetTicketsAsync());
        Assert.Single(await _host.GetMessagesAsync(record.Id));
        Assert.Single(_host.SendGrid.Requests);
    }

    [Fact]
    public async Task PostJson_ReplyToAcknowledgment_ThreadsWithoutSecondAcknowledgment()
    {
        using var first = await _host.PostInboundAsync("json", new InboundMailBuilder().ToContent());
        var ack = (await _host.SendGrid.WaitForRequestsAsync(1))[0];

        var reply = new InboundMailBuilder().Subject("Re: whatever the client did").InReplyTo(ack.MailHeader("Message-ID")!).Text("It is out now.");
        using var second = await _host.PostInboundAsync("json", reply.ToContent());
        await _host.WaitForIdleAsync();

        var ticket = Assert.Single(await _host.GetTicketsAsync());
        Assert.Equal(2, (await _host.GetMessagesAsync(ticket.Id)).Count);
        Assert.Single(_host.SendGrid.Requests);
    }

    [Fact]
    public async Task PostJson_OutOfOfficeWithoutTicket_RecordedNeverAnswered()
    {
        var oof = new InboundMailBuilder().Subject("Automatic reply: hello").Header("Auto-Submitted", "auto-replied");

        using var response = await _host.PostInboundAsync("json", oof.ToContent());
        await _host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _host.GetTicketsAsync());
        Assert.Empty(_host.SendGrid.Requests);
        var record = Assert.Single(await _host.GetIntakeRecordsAsync());
        Assert.Equal(IntakeRecord.AutomaticUnthreaded, record.Kind);
    }

    [Fact]
    public async Task PostInbound_WithoutValidKey_Answers401AndStoresNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json?code=wrong") { Content = new InboundMailBuilder().ToContent() };
        using var wrongCode = await _host.Client.SendAsync(request);
        using var noKey = await _host.PostInboundAsync("json", new InboundMailBuilder().ToContent(), authenticate: false);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        await _host.WaitForIdleAsync();
        Assert.Empty(await _host.GetTicketsAsync());
    }

    [Fact]
    public async Task PostInbound_CodeQueryParameter_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json?code=second-key") { Content = new InboundMailBuilder().ToContent() };

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostJson_SmallPayload_TravelsInlineWithoutBlob()
    {
        var mail = new InboundMailBuilder();
        using var response = await _host.PostInboundAsync("json", mail.ToContent());
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        var ticket = await _host.FindTicketByMessageIdAsync(mail.MessageId);
        Assert.Null(Assert.Single(await _host.GetMessagesAsync(ticket!.Id)).RawPointer);
        Assert.False(await PayloadBlob(await IntakeIdAsync(response)).ExistsAsync());
    }

    [Fact]
    public async Task PostJson_PayloadOverInlineLimit_StoredInBlobAndProcessed()
    {
        var text = string.Concat(Enumerable.Repeat("My order has still not arrived. ", 1_200));
        var mail = new InboundMailBuilder().Text(text);
        Assert.True(mail.ToBytes().Length > InboundQueueMessage.MaxInlineBytes);

        using var response = await _host.PostInboundAsync("json", mail.ToContent());
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        var ticket = await _host.FindTicketByMessageIdAsync(mail.MessageId);
        var message = Assert.Single(await _host.GetMessagesAsync(ticket!.Id));
        Assert.Equal(text.Trim(), message.FullText?.Trim());
        var id = await IntakeIdAsync(response);
        Assert.Equal(id, message.RawPointer);
        Assert.True(await PayloadBlob(id).ExistsAsync());
    }

    [Fact]
    public async Task PostSendGrid_GarbageBody_QuarantinedAnswered200()
    {
        using var response = await _host.PostInboundAsync("sendgrid", PipelineHost.Body("this is not multipart"u8.ToArray(), "multipart/form-data; boundary=xyz"));
        await _host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await _host.GetIntakeRecordsAsync());
        Assert.Equal(IntakeRecord.Quarantined, record.Kind);
        var blob = _host.Services.GetRequiredService<StorageClients>().Container(StorageNames.QuarantineContainer).GetBlobClient(record.Blob!);
        Assert.Equal("this is not multipart", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task PostInbound_Over30MB_Answers413()
    {
        var body = new byte[(30 * 1024 * 1024) + 1];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json") { Content = PipelineHost.Body(body, "application/json") };
        request.Headers.Add("x-functions-key", _host.WebhookKey);

        // As a well-behaved sender does: wait for the verdict on the headers before sending 30 MB.
        request.Headers.ExpectContinue = true;
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task DispatchEmail_SendGridRateLimitedThenAccepting_DeliversOnceAfterReset()
    {
        _host.SendGrid.Enqueue(FakeSendGridAnswer.TooManyRequests(TimeProvider.System.GetUtcNow().AddSeconds(1)));

        using var response = await _host.PostInboundAsync("json", new InboundMailBuilder().ToContent());
        await _host.SendGrid.WaitForAsync(requests => requests.Any(r => r.Answer?.Status == 202), "an accepted send", TimeSpan.FromSeconds(60));
        await _host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([429, 202], _host.SendGrid.Requests.Select(r => r.Answer!.Status));
    }

    [Fact]
    public async Task DispatchEmail_SendGridRejects_MarkedFailedWithEventAndNoRetry()
    {
        _host.SendGrid.Enqueue(FakeSendGridAnswer.Error(400, "The from address does not match a verified Sender Identity.", "from"));

        using var response = await _host.PostInboundAsync("json", new InboundMailBuilder().ToContent());
        await _host.SendGrid.WaitForRequestsAsync(1);
        await _host.WaitForIdleAsync();

        var ticket = Assert.Single(await _host.GetTicketsAsync());
        var store = _host.Services.GetRequiredService<ITicketStore>();
        var outbox = await store.GetOutboxAsync(ticket.Id, 1, default);
        Assert.Equal(OutboxState.Failed, outbox!.State);
        Assert.Contains("verified Sender Identity", outbox.Error, StringComparison.Ordinal);
        Assert.Contains(await store.GetEventsAsync(ticket.Id, default), e => e.Kind == TicketEventKinds.EmailFailed);
        Assert.Single(_host.SendGrid.Requests);
    }

    [Fact]
    public async Task DevOutbox_WithoutSendGridKey_KeepsTheAcknowledgmentReadable()
    {
        // The local outbox is for a developer's machine: the Development environment.
        await using var local = await PipelineHost.StartAsync(azurite, new Dictionary<string, string?> { ["SendGrid:ApiKey"] = string.Empty, ["environment"] = "Development" });

        using var posted = await local.PostInboundAsync("json", new InboundMailBuilder().Subject("Kept locally").ToContent());
        await local.WaitForIdleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dev/outbox");
        request.Headers.Add("x-functions-key", local.WebhookKey);
        using var response = await local.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = Assert.Single(await local.GetTicketsAsync());
        Assert.Contains($"[#{ticket.Id}] Re: Kept locally", body, StringComparison.Ordinal);
        var mail = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsArray().Single()!;
        Assert.Equal("en", (string?)mail["contentLanguage"]);
        Assert.Equal("auto-replied", (string?)mail["headers"]!["Auto-Submitted"]);
        Assert.Empty(local.SendGrid.Requests);
    }

    private static async Task<string> IntakeIdAsync(HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

    private Azure.Storage.Blobs.BlobClient PayloadBlob(string name) =>
        _host.Services.GetRequiredService<StorageClients>().Container(StorageNames.InboundContainer).GetBlobClient(name);
}
