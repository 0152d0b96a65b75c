using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.Hosts;

namespace ServerlessSupport.Functions.Tests.Conformance;

/// <summary>
/// What either host must do with the app, checked from outside only (HTTP, the app's storage, the mail SendGrid is asked
/// to send, the host's output): the same cases on the real Functions host and on the standalone host. Where they differ,
/// the real host is right (docs/architecture.md, "Hosting").
/// </summary>
public abstract class ConformanceTests(HostedApp host)
{
    [HostFact]
    public async Task Webhook_WithoutKeyOrWithWrongKey_401_WithKey_200()
    {
        using var none = await host.PostEmailAsync(HostedApp.NewEmail(), key: string.Empty);
        using var wrong = await host.PostEmailAsync(HostedApp.NewEmail(), key: "not-a-key");
        using var right = await host.PostEmailAsync(HostedApp.NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [HostFact]
    public async Task NewEmail_PassesBothQueues_OneAcknowledgmentWithTicketNumber()
    {
        var email = HostedApp.NewEmail();
        var messageId = email["messageId"]!.GetValue<string>();

        using var response = await host.PostEmailAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await host.WaitForReplyAsync(messageId);
        await WaitIdleAsync();
        Assert.Equal(email["from"]!.GetValue<string>().Split('<', '>')[1], Assert.Single(ack.To));
        Assert.Matches(@"\[#[0-9A-Z]{8}\]", ack.Subject);
        Assert.Single(host.RepliesTo(messageId));
        Assert.Single(await TicketsWithSubjectAsync(email["subject"]!.GetValue<string>()));
    }

    [HostFact]
    public async Task SamePostTwice_OneTicketOneAcknowledgment()
    {
        var email = HostedApp.NewEmail("Same post twice");
        var messageId = email["messageId"]!.GetValue<string>();

        using var first = await host.PostEmailAsync(email);
        using var second = await host.PostEmailAsync(email);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        await host.WaitForReplyAsync(messageId);
        await WaitIdleAsync();
        Assert.Single(host.RepliesTo(messageId));
        Assert.Single(await TicketsWithSubjectAsync(email["subject"]!.GetValue<string>()));
    }

    [HostFact]
    public async Task OutOfOffice_SetAsideForAgentsWithoutAcknowledgment()
    {
        var email = HostedApp.NewEmail("Out of office");
        email["text"] = "I am out of the office until Monday and will read your message when I am back.";
        email["headers"] = new JsonObject { ["Auto-Submitted"] = "auto-replied", ["X-Autoreply"] = "yes" };
        var messageId = email["messageId"]!.GetValue<string>();
        var subject = email["subject"]!.GetValue<string>();

        using var response = await host.PostEmailAsync(email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () => await IntakeRecordsAsync("automatic-unthreaded", subject) == 1, "the intake record agents see");
        await WaitIdleAsync();
        Assert.Empty(host.RepliesTo(messageId));
        Assert.Empty(await TicketsWithSubjectAsync(subject));
    }

    [HostFact]
    public async Task InboundMessageFailingEveryTime_MovedToPoisonAfterFiveDeliveries_KeptAndRecorded()
    {
        // A blob name over the 1,024-character limit: reading it throws on every delivery (a 404 would be recorded, not retried).
        var blob = "poison/" + new string('p', 1_100);
        var pointer = new JsonObject { ["blob"] = blob, ["format"] = "json", ["contentType"] = "application/json", ["receivedAt"] = "2026-01-05T10:00:00Z" };
        var inbound = host.Storage.Queue("inbound");
        await inbound.CreateIfNotExistsAsync();

        await inbound.SendMessageAsync(pointer.ToJsonString());

        var record = await PoisonRecordAsync("moved to inbound-poison", "payload in blob poison/ppp");
        var kept = await host.Storage.Container(StorageNames.QuarantineContainer).GetBlobClient(record.GetString("Blob")).DownloadContentAsync();
        Assert.Equal(pointer.ToJsonString(), kept.Value.Content.ToString());
        await Eventually.TrueAsync(async () => (await host.Storage.Queue("inbound-poison").PeekMessagesAsync()).Value.Length == 0, "inbound-poison drained by InboundPoison");
    }

    [HostFact]
    public async Task OutboundMessageFailingEveryTime_MovedToPoisonAfterFiveDeliveries_Recorded()
    {
        // An outbox row whose email cannot be read: DispatchEmail throws on every delivery.
        var ticket = TicketId.New().ToString();
        await host.Storage.Table(StorageNames.Tickets).UpsertEntityAsync(new TableEntity(ticket, "out-000001") { ["Kind"] = "ack", ["State"] = "Pending", ["Email"] = "{not json" });
        var outbound = host.Storage.Queue("outbound");
        await outbound.CreateIfNotExistsAsync();

        await outbound.SendMessageAsync($$"""{"ticket":"{{ticket}}","outbox":1}""");

        var record = await PoisonRecordAsync("moved to outbound-poison", $"email {ticket}/out-000001");
        Assert.Equal($"[#{ticket}]", record.GetString("Subject"));
        var deliveries = host.App.Log.Count(l => l.Text.Contains(ticket, StringComparison.Ordinal) || l.Text.Contains("DispatchEmail", StringComparison.Ordinal));
        Assert.True(deliveries >= 1, "the host logged the failing deliveries");
    }

    [HostFact]
    public async Task Sweeps_FireOnTheSchedulesTheirSettingsName()
    {
        var since = TimeProvider.System.GetUtcNow();

        await Eventually.TrueAsync(() => Sweeps(host.App, "followup", since) >= 2 && Sweeps(host.App, "escalation", since) >= 2, "both sweeps fired twice");
    }

    [HostFact]
    public async Task Sweeps_TwoInstancesOnOneHostId_EachOccurrenceFiresOnce()
    {
        var second = await host.StartInstanceAsync("second");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var since = TimeProvider.System.GetUtcNow();
        var window = TimeSpan.FromSeconds(12);

        await Task.Delay(window);

        // Every two seconds: six occurrences in the window (seven by its edges, fewer when a busy machine runs one late);
        // twice that if both instances fired.
        foreach (var sweep in new[] { "followup", "escalation" })
        {
            var fired = Sweeps(host.App, sweep, since, since + window) + Sweeps(second, sweep, since, since + window);
            Assert.InRange(fired, 3, 8);
        }

        await second.StopAsync();
    }

    [HostFact]
    public async Task AgentApi_WithAgentKey_200_WithoutOrWithFunctionKey_401()
    {
        using var agent = await host.AgentClientAsync();

        using var withKey = await agent.GetAsync(new Uri("api/tickets", UriKind.Relative));
        using var without = await host.App.Http.GetAsync(new Uri("api/tickets", UriKind.Relative));
        using var functionKey = await host.App.Http.SendAsync(host.App.WithKey(new HttpRequestMessage(HttpMethod.Get, "api/tickets")));

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.NotNull(JsonNode.Parse(await withKey.Content.ReadAsStringAsync())!["items"]);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
    }

    [HostFact]
    public async Task Survey_GetShowsTheFormAndRecordsNothing_PostRecords()
    {
        using var agent = await host.AgentClientAsync();
        var email = HostedApp.NewEmail("Survey");
        var messageId = email["messageId"]!.GetValue<string>();
        using (await host.PostEmailAsync(email))
        {
        }

        var ack = await host.WaitForReplyAsync(messageId);
        var ticket = TicketId.Parse(System.Text.RegularExpressions.Regex.Match(ack.Subject!, @"\[#([0-9A-Z]{8})\]").Groups[1].Value);
        var version = JsonNode.Parse(await agent.GetStringAsync(new Uri($"api/tickets/{ticket}", UriKind.Relative)))!["ticket"]!["version"]!.GetValue<string>();
        var solved = new JsonObject { ["status"] = "solved", ["version"] = version }.ToJsonString();
        using (var solve = await agent.PatchAsync(new Uri($"api/tickets/{ticket}", UriKind.Relative), new StringContent(solved, Encoding.UTF8, "application/json")))
        {
            Assert.True(solve.IsSuccessStatusCode, $"solving answered {(int)solve.StatusCode}: {await solve.Content.ReadAsStringAsync()}");
        }

        var token = new SurveyTokens(HostedApp.SurveySigningKey).Create(ticket, SurveyRating.Good, TimeProvider.System.GetUtcNow().AddDays(14), 1);

        using var page = await host.App.Http.GetAsync(new Uri($"api/csat/{token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SurveyAsync(agent, ticket));

        using var answer = await host.App.Http.PostAsync(new Uri($"api/csat/{token}", UriKind.Relative), new FormUrlEncodedContent([new("rating", "good"), new("comment", "Quick and kind")]));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var survey = await SurveyAsync(agent, ticket);
        Assert.Equal("good", survey?["rating"]?.GetValue<string>());
        Assert.Equal("Quick and kind", survey?["comment"]?.GetValue<string>());
    }

    [HostFact]
    public async Task Health_QueueServiceDown_503NamingIt()
    {
        var azurite = host.Azurite;
        var settings = host.Settings(AzuriteProcess.ConnectionStringFor(azurite.BlobPort, LoopbackPort.Free(), azurite.TablePort));
        settings["AzureFunctionsWebHost__hostid"] = "conformancedown";
        var down = await host.StartInstanceAsync("queue-down", settings);

        using var response = await down.Http.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var services = body.RootElement.GetProperty("services");
        Assert.StartsWith("unreachable", services.GetProperty("queue").GetString(), StringComparison.Ordinal);
        Assert.Equal("reachable", services.GetProperty("table").GetString());
        await down.StopAsync();
    }

    /// <summary>Lines of the sweep's one log line per run ("followup sweep: …") in the window.</summary>
    private static int Sweeps(AppInstance instance, string sweep, DateTimeOffset since, DateTimeOffset? until = null) =>
        instance.LinesContaining($"{sweep} sweep: ", since).Count(l => until is null || l.At < until);

    private static async Task<JsonNode?> SurveyAsync(HttpClient agent, TicketId ticket)
    {
        var detail = JsonNode.Parse(await agent.GetStringAsync(new Uri($"api/tickets/{ticket}", UriKind.Relative)));
        return detail?["ticket"]?["survey"];
    }

    private async Task<TableEntity> PoisonRecordAsync(string moved, string names)
    {
        TableEntity? record = null;
        await Eventually.TrueAsync(
            async () =>
            {
                await foreach (var row in host.Storage.Table(StorageNames.IntakeRecords).QueryAsync<TableEntity>("Kind eq 'poison'"))
                {
                    if (row.GetString("Reason") is { } reason && reason.Contains(moved, StringComparison.Ordinal) && reason.Contains(names, StringComparison.Ordinal))
                    {
                        record = row;
                    }
                }

                return record is not null;
            },
            $"a poison record: {moved}, {names}",
            timeoutSeconds: 60);
        return record!;
    }

    private async Task<int> IntakeRecordsAsync(string kind, string subject)
    {
        var count = 0;
        await foreach (var unused in host.Storage.Table(StorageNames.IntakeRecords).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Kind eq {kind} and Subject eq {subject}")))
        {
            count++;
        }

        return count;
    }

    private async Task<IReadOnlyList<TableEntity>> TicketsWithSubjectAsync(string subject)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Storage.Table(StorageNames.Tickets).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq 'ticket' and Subject eq {subject}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Both work queues empty (visible and invisible messages) three polls in a row.</summary>
    private async Task WaitIdleAsync()
    {
        var quiet = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                var inbound = (await host.Storage.Queue("inbound").GetPropertiesAsync()).Value.ApproximateMessagesCount;
                var outbound = (await host.Storage.Queue("outbound").GetPropertiesAsync()).Value.ApproximateMessagesCount;
                quiet = inbound + outbound == 0 ? quiet + 1 : 0;
                await Task.Delay(200);
                return quiet >= 3;
            },
            "the inbound and outbound queues empty");
    }
}

[Collection(RealHostCollection.Name)]
public sealed class RealHostConformanceTests(RealHostApp host) : ConformanceTests(host), IClassFixture<RealHostApp>, IOnRealHost;

[Collection(StandaloneHostCollection.Name)]
public sealed class StandaloneConformanceTests(StandaloneHostApp host) : ConformanceTests(host), IClassFixture<StandaloneHostApp>;

/// <summary>The real-host suite on its own: its Azurite and host are its own, so it may run beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class RealHostCollection
{
    public const string Name = "RealHost";
}

[CollectionDefinition(Name)]
public sealed class StandaloneHostCollection
{
    public const string Name = "StandaloneHost";
}
