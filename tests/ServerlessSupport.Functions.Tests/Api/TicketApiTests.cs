using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Api;

/// <summary>The agents' ticket API over HTTP, on the whole app against Azurite and the local SendGrid server.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TicketApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task ListTickets_SortedByNextDeadline_FilteredAndPaged()
    {
        var low = await _api.OpenTicketAsync(new InboundMailBuilder().Subject("Feature request: dark mode"));
        var normal = await _api.OpenTicketAsync(new InboundMailBuilder().Subject("Question about invoices"));
        var urgent = await _api.OpenTicketAsync(new InboundMailBuilder().Subject("Production down!"));

        var all = await _api.GetOkAsync("/api/tickets");
        Assert.Equal([urgent, normal, low], Ids(all));
        var first = all["items"]![0]!;
        Assert.Equal("urgent", (string?)first["priority"]);
        Assert.Equal("open", (string?)first["status"]);
        Assert.Equal("firstResponse", (string?)first["nextDeadline"]!["kind"]);
        Assert.True((long)first["nextDeadline"]!["remainingSeconds"]! is > 0 and <= 3600);
        Assert.Equal("jane@customer.example", (string?)first["customer"]!["address"]);
        Assert.Equal("ok", (string?)first["risk"]);
        Assert.Null(all["continuation"]);

        Assert.Equal([urgent], Ids(await _api.GetOkAsync("/api/tickets?priority=urgent")));
        Assert.Equal([normal, low], Ids(await _api.GetOkAsync("/api/tickets?status=open,pendingCustomer&priority=low,normal")));
        Assert.Empty(Ids(await _api.GetOkAsync("/api/tickets?status=solved")));
        Assert.Empty(Ids(await _api.GetOkAsync("/api/tickets?risk=atRisk,breached")));

        var page1 = await _api.GetOkAsync("/api/tickets?pageSize=2");
        Assert.Equal([urgent, normal], Ids(page1));
        var continuation = (string?)page1["continuation"];
        Assert.NotNull(continuation);
        var page2 = await _api.GetOkAsync($"/api/tickets?pageSize=2&continuation={continuation}");
        Assert.Equal([low], Ids(page2));
        Assert.Null(page2["continuation"]);

        var assigned = await _api.PatchAsync(normal, new JsonObject { ["assignee"] = "bob", ["version"] = await _api.VersionAsync(normal) });
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Equal([normal], Ids(await _api.GetOkAsync("/api/tickets?assignee=bob")));
        Assert.Equal([urgent, low], Ids(await _api.GetOkAsync("/api/tickets?assignee=none")));
    }

    [Theory]
    [InlineData("status=waiting", "status must be one of open, pendingCustomer, solved, closed")]
    [InlineData("priority=p1", "priority must be one of low, normal, high, urgent")]
    [InlineData("risk=red", "risk must be one of ok, atRisk, breached")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("continuation=garbage", "continuation")]
    public async Task ListTickets_BadQuery_Answers400NamingTheProblem(string query, string expected)
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, $"/api/tickets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string?)body!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTicket_Known_ReturnsTicketMessagesEventsAndOutbox()
    {
        var mail = new InboundMailBuilder().Text("It <b>burns</b>.\n\n> old quoted text");
        var id = await _api.OpenTicketAsync(mail);

        var detail = await _api.GetOkAsync($"/api/tickets/{id}");

        Assert.Equal(id, (string?)detail["ticket"]!["id"]);
        Assert.NotNull(detail["ticket"]!["acknowledgedAt"]);
        Assert.NotNull(detail["ticket"]!["firstResponseDue"]);
        var message = Assert.Single(detail["messages"]!.AsArray())!;
        Assert.Equal("inbound", (string?)message["direction"]);
        Assert.Equal("jane@customer.example", (string?)message["author"]);
        Assert.Contains("It <b>burns</b>.", (string?)message["text"], StringComparison.Ordinal);
        Assert.Empty(message["attachments"]!.AsArray());
        Assert.Contains(detail["events"]!.AsArray(), e => (string?)e!["kind"] == "created" && (string?)e["actor"] == "system");
        var ack = Assert.Single(detail["outbox"]!.AsArray())!;
        Assert.Equal("ack", (string?)ack["kind"]);
        Assert.Equal("sent", (string?)ack["state"]);
        Assert.Equal("jane@customer.example", (string?)ack["to"]);
    }

    [Theory]
    [InlineData("ZZZZZZZZ")]
    [InlineData("not-an-id")]
    public async Task GetTicket_Unknown_Answers404(string id)
    {
        var (status, body) = await _api.SendAsync(HttpMethod.Get, $"/api/tickets/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(body!["error"]);
    }

    [Fact]
    public async Task Reply_Public_EmailsCustomerThreadedWithoutAutoSubmitted()
    {
        var mail = new InboundMailBuilder();
        var id = await _api.OpenTicketAsync(mail);
        var dueBefore = (string?)(await _api.TicketAsync(id))["nextDeadline"]!["kind"];
        Assert.Equal("firstResponse", dueBefore);

        var (status, body) = await _api.ReplyAsync(id, "Unplug it and step away.\n\nAlice", isPublic: true, await _api.VersionAsync(id));

        Assert.Equal(HttpStatusCode.OK, status);
        var requests = await _api.Host.SendGrid.WaitForRequestsAsync(2);
        var reply = requests[1];
        Assert.Equal($"[#{id}] Re: Printer on fire", reply.Subject);
        Assert.Equal(mail.MessageId, reply.MailHeader("In-Reply-To"));
        Assert.Contains(mail.MessageId, reply.MailHeader("References") ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(reply.MailHeader("Auto-Submitted"));
        Assert.Equal(["jane@customer.example"], reply.To);
        Assert.Equal("support@example.test", reply.FromEmail);
        Assert.Contains("Unplug it and step away.", reply.Content("text/plain"), StringComparison.Ordinal);

        var ticket = body!["ticket"]!;
        Assert.NotNull(ticket["firstRespondedAt"]);
        Assert.NotEqual("firstResponse", (string?)ticket["nextDeadline"]?["kind"]);
        var message = body["messages"]!.AsArray().Last()!;
        Assert.Equal("outbound", (string?)message["direction"]);
        Assert.Equal("alice", (string?)message["author"]);
        Assert.Contains(body["events"]!.AsArray(), e => (string?)e!["kind"] == "agent-replied" && (string?)e["actor"] == "alice");
        Assert.Contains(body["events"]!.AsArray(), e => (string?)e!["kind"] == "first-response" && ((string?)e["detail"])!.StartsWith("met", StringComparison.Ordinal));
        Assert.Equal("reply", (string?)body["outbox"]!.AsArray().Last()!["kind"]);

        var metrics = await _api.GetOkAsync("/api/metrics");
        Assert.Equal(1, (int)metrics["firstResponse"]!["met"]!);
        Assert.Equal(0, (int)metrics["firstResponse"]!["missed"]!);
        Assert.Equal(1.0, (double)metrics["firstResponse"]!["attainment"]!);
        Assert.Equal(1, (int)metrics["ackLatency"]!["samples"]!);
        Assert.Equal(1, (int)metrics["openByPriority"]!["normal"]!);
        Assert.Equal(0, (int)metrics["escalationsToday"]!);
    }

    [Fact]
    public async Task Metrics_PromisesKeptAndBroken_CountedPerPeriodAndKind()
    {
        var kept = await _api.OpenTicketAsync(new InboundMailBuilder().Subject("Answered in time"));
        var late = await _api.OpenTicketAsync(new InboundMailBuilder().Subject("Answered late"));
        var none = (await _api.GetOkAsync("/api/metrics"))["promises"]!.AsArray();
        Assert.Equal([7, 30], none.Select(p => (int)p!["days"]!));
        Assert.All(none, p => Assert.Equal((0, 0), ((int)p!["kept"]!, (int)p["broken"]!)));
        Assert.All(none, p => Assert.Null(p!["keptShare"]));

        // In time: the first reply keeps the acknowledgment's promise, the solve keeps the reply's resolution promise.
        var replied = await _api.ReplyAsync(kept, "Found it, a fix follows tomorrow.", isPublic: true, await _api.VersionAsync(kept), AgentApiSession.Promise("resolution", TimeSpan.FromDays(2)));
        Assert.Equal(HttpStatusCode.OK, replied.Status);
        var solved = await _api.PatchAsync(kept, new JsonObject { ["status"] = "solved", ["version"] = (string?)replied.Body!["ticket"]!["version"] });
        Assert.Equal(HttpStatusCode.OK, solved.Status);
        Assert.Equal(["kept", "kept"], solved.Body!["ticket"]!["promises"]!.AsArray().Select(p => (string?)p!["state"]));
        Assert.Null(solved.Body["ticket"]!["promise"]);

        // Late: both dates passed before the replies came.
        await _api.EditPromisesAsync(late, p => p.IsOpen ? p with { By = TimeProvider.System.GetUtcNow().AddMinutes(-5) } : p);
        var first = await _api.ReplyAsync(late, "Sorry for the wait, looking into it.", isPublic: true, await _api.VersionAsync(late), AgentApiSession.Promise("update", TimeSpan.FromHours(1)));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("update", (string?)first.Body!["ticket"]!["promise"]!["kind"]);
        await _api.EditPromisesAsync(late, p => p.IsOpen ? p with { By = TimeProvider.System.GetUtcNow().AddMinutes(-5) } : p);
        var second = await _api.ReplyAsync(late, "Still on it.", isPublic: true, await _api.VersionAsync(late));
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["broken", "broken"], second.Body!["ticket"]!["promises"]!.AsArray().Select(p => (string?)p!["state"]));

        // As if the resolution promise had been kept ten days ago: it counts for 30 days only.
        await _api.EditPromisesAsync(kept, p => p.Kind == PromiseKind.Resolution ? p with { SettledAt = TimeProvider.System.GetUtcNow().AddDays(-10) } : p);

        var promises = (await _api.GetOkAsync("/api/metrics"))["promises"]!.AsArray();
        var week = promises.Single(p => (int)p!["days"]! == 7)!;
        Assert.Equal((1, 2), ((int)week["kept"]!, (int)week["broken"]!));
        Assert.Equal(0.3333, (double)week["keptShare"]!);
        Assert.Equal((1, 1), Counts(week, "firstResponse"));
        Assert.Equal((0, 1), Counts(week, "update"));
        Assert.Equal((0, 0), Counts(week, "resolution"));
        var month = promises.Single(p => (int)p!["days"]! == 30)!;
        Assert.Equal((2, 2), ((int)month["kept"]!, (int)month["broken"]!));
        Assert.Equal(0.5, (double)month["keptShare"]!);
        Assert.Equal((1, 0), Counts(month, "resolution"));

        static (int Kept, int Broken) Counts(JsonNode period, string kind) =>
            ((int)period["byKind"]![kind]!["kept"]!, (int)period["byKind"]![kind]!["broken"]!);
    }

    [Fact]
    public async Task Reply_InternalNote_SendsNothing()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());

        var (status, body) = await _api.ReplyAsync(id, "Customer is a VIP, be nice.", isPublic: false, await _api.VersionAsync(id));
        await _api.Host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(_api.Host.SendGrid.Requests);
        Assert.Single(body!["outbox"]!.AsArray());
        var note = body["messages"]!.AsArray().Last()!;
        Assert.Equal("note", (string?)note["direction"]);
        Assert.Equal("Customer is a VIP, be nice.", (string?)note["text"]);
        Assert.Null(body["ticket"]!["firstRespondedAt"]);
        Assert.Equal("firstResponse", (string?)body["ticket"]!["nextDeadline"]!["kind"]);
        Assert.Contains(body["events"]!.AsArray(), e => (string?)e!["kind"] == "note-added" && (string?)e["actor"] == "alice");
    }

    [Fact]
    public async Task Patch_PendingThenSolved_PausesClocksThenSchedulesCheckBack()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());

        var (pendingStatus, pending) = await _api.PatchAsync(id, new JsonObject { ["status"] = "pendingCustomer", ["version"] = await _api.VersionAsync(id) });
        Assert.Equal(HttpStatusCode.OK, pendingStatus);
        Assert.Equal("pendingCustomer", (string?)pending!["ticket"]!["status"]);
        Assert.Null(pending["ticket"]!["nextDeadline"]);
        Assert.NotNull(pending["ticket"]!["pendingSince"]);

        var (solvedStatus, solved) = await _api.PatchAsync(id, new JsonObject { ["status"] = "solved", ["version"] = (string?)pending["ticket"]!["version"] });
        Assert.Equal(HttpStatusCode.OK, solvedStatus);
        Assert.Equal("solved", (string?)solved!["ticket"]!["status"]);
        Assert.NotNull(solved["ticket"]!["solvedAt"]);
        Assert.NotNull(solved["ticket"]!["checkBackAt"]);
        var changes = solved["events"]!.AsArray().Where(e => (string?)e!["kind"] == "status-changed").ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal("alice", (string?)e!["actor"]));
    }

    [Fact]
    public async Task Patch_PriorityRaised_RecomputesDeadline()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var before = await _api.TicketAsync(id);
        var dueBefore = DateTimeOffset.Parse((string)before["nextDeadline"]!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture);

        var (status, body) = await _api.PatchAsync(id, new JsonObject { ["priority"] = "urgent", ["version"] = (string?)before["version"] });

        Assert.Equal(HttpStatusCode.OK, status);
        var ticket = body!["ticket"]!;
        Assert.Equal("urgent", (string?)ticket["priority"]);
        var dueAfter = DateTimeOffset.Parse((string)ticket["nextDeadline"]!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(dueAfter < dueBefore, $"{dueAfter:o} should be before {dueBefore:o}");
        Assert.True(dueAfter - DateTimeOffset.Parse((string)ticket["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromHours(1));
        Assert.Contains(body["events"]!.AsArray(), e => (string?)e!["kind"] == "priority-changed" && (string?)e["actor"] == "alice");
    }

    [Fact]
    public async Task Patch_TwiceWithSameVersion_SecondAnswers409WithCurrentVersion()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var version = await _api.VersionAsync(id);

        var (firstStatus, first) = await _api.PatchAsync(id, new JsonObject { ["assignee"] = "alice", ["version"] = version });
        var (secondStatus, second) = await _api.PatchAsync(id, new JsonObject { ["assignee"] = "bob", ["version"] = version });

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.Conflict, secondStatus);
        Assert.Equal((string?)first!["ticket"]!["version"], (string?)second!["currentVersion"]);
        Assert.NotNull(second["error"]);
        Assert.Equal("alice", (string?)(await _api.TicketAsync(id))["assignee"]);
    }

    [Fact]
    public async Task Reply_WithIfMatchHeader_IsAccepted()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{id}/replies")
        {
            Content = new StringContent("""{"text":"noted","public":false}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", await _api.VersionAsync(id));

        using var response = await _api.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_BadStatus_Answers400NamingAllowedValues()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());

        var (status, body) = await _api.PatchAsync(id, new JsonObject { ["status"] = "done", ["version"] = await _api.VersionAsync(id) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("status must be one of open, pendingCustomer, solved, closed", (string?)body!["error"]);
    }

    [Fact]
    public async Task Patch_BadPriority_Answers400NamingAllowedValues()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());

        var (status, body) = await _api.PatchAsync(id, new JsonObject { ["priority"] = "critical", ["version"] = await _api.VersionAsync(id) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("priority must be one of low, normal, high, urgent", (string?)body!["error"]);
    }

    [Fact]
    public async Task ChangeEndpoints_UnknownTicket_Answer404()
    {
        var patch = await _api.PatchAsync("ZZZZZZZZ", new JsonObject { ["status"] = "solved", ["version"] = "W/\"x\"" });
        var reply = await _api.ReplyAsync("ZZZZZZZZ", "hello", isPublic: true, "W/\"x\"");

        Assert.Equal(HttpStatusCode.NotFound, patch.Status);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task Reply_EmptyOrTooLongTextOrNoVersion_Answers400()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());
        var version = await _api.VersionAsync(id);

        var empty = await _api.ReplyAsync(id, "   ", isPublic: true, version);
        var tooLong = await _api.ReplyAsync(id, new string('x', 20_001), isPublic: true, version);
        var noVersion = await _api.SendAsync(HttpMethod.Post, $"/api/tickets/{id}/replies", """{"text":"hi","public":true}""");
        var notJson = await _api.SendAsync(HttpMethod.Post, $"/api/tickets/{id}/replies", "{text:");

        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.Status);
        Assert.Contains("version", (string?)noVersion.Body!["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Single(_api.Host.SendGrid.Requests);
    }

    [Fact]
    public async Task Reply_BodyOver64KiB_Answers413()
    {
        var id = await _api.OpenTicketAsync(new InboundMailBuilder());

        var (status, body) = await _api.ReplyAsync(id, new string('x', 70 * 1024), isPublic: true, await _api.VersionAsync(id));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.NotNull(body!["error"]);
    }

    [Fact]
    public async Task IntakeRecords_QuarantinedPayload_IsListed()
    {
        using var response = await _api.Host.PostInboundAsync("json", PipelineHost.Body("{ not json"u8.ToArray(), "application/json"));

        var records = await _api.GetOkAsync("/api/intake-records?max=10");

        Assert.Contains(records["items"]!.AsArray(), r => (string?)r!["kind"] == "quarantined");
    }

    private static List<string> Ids(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!)];
}
