using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Functions.Dashboard;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;
using static Microsoft.Playwright.Assertions;
using ServerlessSupport.Core.Sla.Surveys;

namespace ServerlessSupport.Functions.Tests.Browser;

/// <summary>The agents' dashboard in a real (headless) Chromium against the real app on Azurite.</summary>
[Trait("Category", "Browser")]
[Collection(AzuriteCollection.Name)]
public sealed class DashboardTests(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private DashboardWorld _world = null!;
    private DashboardPage _dashboard = null!;

    public async Task InitializeAsync()
    {
        _world = await DashboardWorld.StartAsync(azurite);
        _dashboard = new DashboardPage(await chromium.NewPageAsync(_world.BaseAddress));
    }

    public async Task DisposeAsync()
    {
        await _dashboard.Page.Context.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_ReplyThenSolve_MailsCustomerAndStopsTheClock()
    {
        var subject = $"Invoice missing {Guid.NewGuid():N}"[..24];
        var ticket = await _world.OpenTicketAsync(new InboundMailBuilder().Subject(subject).Text("Where is my invoice for March?"));

        var page = await _dashboard.SignInAsync(_world.AgentKey, "alice");
        Assert.Equal(DashboardHeaders.ContentSecurityPolicy, await page!.HeaderValueAsync("content-security-policy"));
        await Expect(_dashboard.SlaCell(subject)).ToContainTextAsync("First response");
        await Expect(_dashboard.SlaCell(subject)).ToContainTextAsync(" left");

        await _dashboard.OpenTicketAsync(subject);
        await Expect(_dashboard.Thread).ToContainTextAsync("Where is my invoice for March?");
        await _dashboard.ReplyAsync("Sorry about that: the invoice is attached to this reply.");

        var sent = await _world.Host.SendGrid.WaitForAsync(
            requests => requests.Any(r => r.Content("text/plain")?.Contains("invoice is attached", StringComparison.Ordinal) == true),
            "the agent's reply");
        var reply = sent.Single(r => r.Content("text/plain")!.Contains("invoice is attached", StringComparison.Ordinal));
        Assert.Equal(["jane@customer.example"], reply.To);
        Assert.Contains($"[#{ticket.Id}]", reply.Subject, StringComparison.Ordinal);
        Assert.Null(reply.MailHeader("Auto-Submitted"));
        await Expect(_dashboard.Thread.Locator(".message-outbound")).ToContainTextAsync("invoice is attached");

        // The first response is in: that clock is gone from the queue row and the ticket.
        await Expect(_dashboard.SlaCell(subject)).Not.ToContainTextAsync("First response");
        await Expect(_dashboard.TicketDeadline).Not.ToContainTextAsync("First response");

        await _dashboard.SetStatusAsync("Solved");
        await Expect(_dashboard.TicketDeadline).ToHaveTextAsync("Solved");
        await Expect(_dashboard.QueueRow(subject)).ToHaveCountAsync(0);

        await _dashboard.FilterStatusAsync("Solved");
        await Expect(_dashboard.QueueRow(subject)).ToHaveCountAsync(1);
        await Expect(_dashboard.SlaCell(subject)).ToHaveTextAsync("Solved");
        await Expect(_dashboard.Page.Locator("#events")).ToContainTextAsync("by alice");
    }

    [Fact]
    public async Task Dashboard_EmailWithMarkup_ShowsItAsTextAndRunsNothing()
    {
        const string Script = "<script>window.__pwned=1</script>";
        const string Image = "<img src=x onerror=\"window.__pwned=2\">";
        var subject = $"Hello <b>there</b> {Guid.NewGuid():N}"[..30];
        var body = $"Hi,\n{Script}\n{Image}\nThanks";
        await _world.OpenTicketAsync(new InboundMailBuilder().Subject(subject).Text(body));

        await _dashboard.SignInAsync(_world.AgentKey, "alice");
        await _dashboard.OpenTicketAsync(subject);

        var message = _dashboard.Thread.Locator(".message-inbound .message-body").First;
        await Expect(message).ToContainTextAsync(Script);
        await Expect(message).ToContainTextAsync(Image);
        Assert.Contains(Script, await message.InnerTextAsync(), StringComparison.Ordinal);
        await Expect(_dashboard.TicketTitle).ToContainTextAsync("<b>there</b>");
        await Expect(_dashboard.Page.Locator("#thread script, #thread img, #queue-body b, #ticket-title b")).ToHaveCountAsync(0);

        // An onerror would have fired by the time the image's load failed; give it that moment before looking.
        await _dashboard.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("undefined", await _dashboard.Page.EvaluateAsync<string>("() => typeof window.__pwned"));
    }

    [Fact]
    public async Task SurveyPage_OpenedThenSent_RecordsOnlyWhenTheButtonIsPressed()
    {
        var ticket = await _world.OpenTicketAsync(new InboundMailBuilder().From("Lucía García <lucia@cliente.example>").Subject("Pedido sin llegar")
            .Text("Hola, el pedido todavía no ha llegado y ya han pasado dos semanas. ¿Pueden ayudarme, por favor?"));
        var link = await _world.SolveAndSurveyLinkAsync(ticket.Id, SurveyRating.Bad);
        var page = _dashboard.Page;

        var response = await page.GotoAsync(link);
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("¿Qué tal lo hicimos?");
        await Expect(page.GetByLabel("Mal")).ToBeCheckedAsync();
        await page.ReloadAsync();
        var store = _world.Host.Services.GetRequiredService<Core.Tickets.ITicketStore>();
        Assert.Null((await store.GetAsync(ticket.Id, default))!.Sla.SurveyAnswer);

        await page.GetByLabel("Bien").CheckAsync();
        await page.GetByLabel("¿Quiere contarnos algo? (opcional)").FillAsync("Al final llegó <b>bien</b>.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar mi respuesta" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("¡Gracias!");
        var stored = (await store.GetAsync(ticket.Id, default))!;
        Assert.Equal(SurveyRating.Good, stored.Sla.SurveyAnswer);
        Assert.Equal("Al final llegó <b>bien</b>.", stored.Sla.SurveyComment);
        await page.GotoAsync(link);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ya guardada");
    }

    [Fact]
    public async Task Dashboard_IntakeRecord_TurnedIntoATicket()
    {
        using var response = await _world.Host.PostInboundAsync("json", new InboundMailBuilder().From("Ana Lima <ana@example.net>").Subject("Automatic reply: order 1234")
            .Header("Auto-Submitted", "auto-replied").Text("I am away. The parcel for order 1234 never arrived.").ToContent());
        await _world.Host.WaitForIdleAsync();

        await _dashboard.SignInAsync(_world.AgentKey, "alice");
        var record = _dashboard.Page.Locator("#intake-list li").Filter(new() { HasText = "Automatic reply: order 1234" });
        await record.GetByRole(AriaRole.Button, new() { Name = "Turn into ticket" }).ClickAsync();

        await Expect(_dashboard.Notice).ToContainTextAsync("Recovered into ticket");
        await Expect(record).ToContainTextAsync("recovered into #");
        await Expect(_dashboard.QueueRow("Automatic reply: order 1234")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Dashboard_TicketsWithOpenPromises_ListShowsTheirCountdowns()
    {
        await _world.OpenTicketAsync(new InboundMailBuilder().Subject("Promise still ahead").Text("Any news on my order?"));
        var late = await _world.OpenTicketAsync(new InboundMailBuilder().Subject("Promise date passed").Text("Any news on my refund?"));
        await _world.MoveOpenPromisesAsync(late.Id, TimeSpan.FromMinutes(-20));

        await _dashboard.SignInAsync(_world.AgentKey, "alice");

        await Expect(_dashboard.PromiseCell("Promise still ahead")).ToContainTextAsync("First response");
        await Expect(_dashboard.PromiseCell("Promise still ahead").Locator(".countdown")).ToContainTextAsync(" left");
        await Expect(_dashboard.PromiseCell("Promise date passed").Locator(".countdown")).ToContainTextAsync("overdue 20m");
        await Expect(_dashboard.PromiseCell("Promise date passed").Locator(".countdown")).ToHaveClassAsync(new Regex(@"\boverdue\b"));

        // A promise's date passing is not an SLA breach: the row keeps its SLA colour.
        await Expect(_dashboard.QueueRow("Promise date passed")).ToHaveClassAsync(new Regex(@"\brisk-ok\b"));
    }

    [Fact]
    public async Task Dashboard_ReplyWithPromise_TicketListsItAsOpen()
    {
        var subject = $"Export broken {Guid.NewGuid():N}"[..22];
        var ticket = await _world.OpenTicketAsync(new InboundMailBuilder().Subject(subject).Text("The CSV export is empty since the update."));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var localNow = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), berlin).DateTime;

        await _dashboard.SignInAsync(_world.AgentKey, "alice");
        await _dashboard.OpenTicketAsync(subject);
        await Expect(_dashboard.Promises).ToContainTextAsync("First response");
        await _dashboard.Page.GetByLabel("Reply or note").FillAsync("We found the bug and are testing a fix.");
        await _dashboard.ChoosePromiseAsync("Update", localNow.AddDays(-1));
        await Expect(_dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Add internal note" })).ToBeDisabledAsync();

        // The API refuses a date in the past; its message is shown and nothing is sent.
        await _dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(_dashboard.Notice).ToContainTextAsync("promise.by is in the past.");
        await Expect(_dashboard.Thread.Locator(".message-outbound")).ToHaveCountAsync(0);

        var by = localNow.Date.AddDays(2).AddHours(17);
        await _dashboard.ChoosePromiseAsync("Update", by);
        await _dashboard.ReplyAsync("We found the bug and are testing a fix.");

        var open = _dashboard.Promises.Locator("li.promise-open");
        await Expect(open).ToHaveCountAsync(1);
        await Expect(open).ToContainTextAsync("Update by");
        await Expect(open).ToContainTextAsync("made by alice");
        await Expect(open.Locator(".countdown")).ToContainTextAsync(" left");
        await Expect(_dashboard.Promises.Locator("li.promise-kept")).ToContainTextAsync("First response");
        await Expect(_dashboard.PromiseCell(subject)).ToContainTextAsync("Update");
        await Expect(_dashboard.Page.GetByLabel("Promise the customer")).ToHaveValueAsync(string.Empty);
        await Expect(_dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Add internal note" })).ToBeEnabledAsync();

        // The date went out with the browser's own offset: 17:00 in Berlin.
        var stored = await _world.Host.Services.GetRequiredService<Core.Tickets.ITicketStore>().GetAsync(ticket.Id, default);
        var made = stored!.Sla.Promises.Single(p => p.Kind == Core.Sla.Promises.PromiseKind.Update);
        Assert.Equal(new DateTimeOffset(by, berlin.GetUtcOffset(by)), made.By);
        Assert.Equal("alice", made.MadeBy);
    }

    [Fact]
    public async Task Dashboard_PromisesKeptAndBroken_MetricsPanelCountsThem()
    {
        var inTime = await _world.OpenTicketAsync(new InboundMailBuilder().Subject("Answered in time"));
        var late = await _world.OpenTicketAsync(new InboundMailBuilder().Subject("Answered late"));
        await _world.ReplyAsync(inTime.Id, "Here is the answer.");
        await _world.MoveOpenPromisesAsync(late.Id, TimeSpan.FromMinutes(-5));
        await _world.ReplyAsync(late.Id, "Sorry for the wait, here is the answer.");

        await _dashboard.SignInAsync(_world.AgentKey, "alice");

        await Expect(_dashboard.PromiseMetrics).ToContainTextAsync("7 days: 1 kept, 1 broken (50% kept)");
        await Expect(_dashboard.PromiseMetrics).ToContainTextAsync("30 days: 1 kept, 1 broken (50% kept)");
        await Expect(_dashboard.PromiseMetrics.Locator("span span").First).ToHaveAttributeAsync("title", "First response 1/1 · Update 0/0 · Resolution 0/0 (kept/broken)");
    }

    [Fact]
    public async Task Dashboard_MyNotifications_SavedAndShownAfterReload()
    {
        await _dashboard.SignInAsync(_world.AgentKey, "alice");
        await _dashboard.OpenProfileAsync();
        var dialog = _dashboard.ProfileDialog;
        var email = dialog.GetByLabel("Your email address");
        await Expect(email).ToHaveValueAsync(string.Empty);
        await Expect(dialog.GetByLabel("New tickets")).Not.ToBeCheckedAsync();
        await Expect(dialog.GetByLabel("Tickets assigned to me")).ToBeCheckedAsync();

        // The API refuses the support address; its message is shown in the dialog and nothing is saved.
        await email.FillAsync("support@example.test");
        await _dashboard.SaveProfileAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be the support address");
        Assert.Null(await _world.Host.Services.GetRequiredService<IAgentDirectory>().GetAsync("alice", default));

        await email.FillAsync("alice@example.com");
        await dialog.GetByLabel("New tickets").CheckAsync();
        await dialog.GetByLabel("Tickets assigned to me").UncheckAsync();
        await _dashboard.SaveProfileAsync();
        await Expect(_dashboard.Notice).ToContainTextAsync("address and notifications were saved");
        await Expect(dialog).ToBeHiddenAsync();

        await _dashboard.Page.ReloadAsync();
        await Expect(_dashboard.Page.Locator("#agent-name")).ToHaveTextAsync("alice");
        await _dashboard.OpenProfileAsync();
        await Expect(email).ToHaveValueAsync("alice@example.com");
        await Expect(dialog.GetByLabel("New tickets")).ToBeCheckedAsync();
        await Expect(dialog.GetByLabel("Customers' replies on my tickets")).ToBeCheckedAsync();
        await Expect(dialog.GetByLabel("Tickets assigned to me")).Not.ToBeCheckedAsync();
        var profile = await _world.Host.Services.GetRequiredService<IAgentDirectory>().GetAsync("alice", default);
        Assert.Equal(new AgentNotifications(true, true, false), profile!.Notify);
    }

    [Fact]
    public async Task Dashboard_QueueWithRiskyTickets_ColoursRowsAndSavesScreenshot()
    {
        var urgent = await _world.OpenTicketAsync(new InboundMailBuilder()
            .From("Ravi Patel <ravi@shop.example>").Subject("Checkout fails with error 502").Cc("Priya Shah <priya@shop.example>")
            .Text("Since this morning every checkout ends in a 502 page. We are losing orders.\n\nRavi"));
        await _world.PatchAsync(urgent.Id, new JsonObject { ["priority"] = "urgent", ["assignee"] = "alice" });
        var high = await _world.OpenTicketAsync(new InboundMailBuilder()
            .From("Mia Chen <mia@studio.example>").Subject("Cannot reset my password")
            .Text("The reset link says it has expired, every time.\n\n> On Monday you wrote:\n> Please try again"));
        await _world.PatchAsync(high.Id, new JsonObject { ["priority"] = "high" });
        await _world.MoveFirstResponseDueAsync(high.Id, TimeSpan.FromMinutes(-35));
        var plan = await _world.OpenTicketAsync(new InboundMailBuilder()
            .From("Tom Berger <tom@example.org>").Subject("Question about the yearly plan").Text("Is there a discount for nonprofits?"));
        await _world.MoveFirstResponseDueAsync(plan.Id, TimeSpan.FromMinutes(18), levelsFired: 1);
        await _world.OpenTicketAsync(new InboundMailBuilder()
            .From("Ana Lima <ana@example.net>").Subject("Feature request: dark mode").Text("Would love a dark mode for the app."));
        await _world.OpenTicketAsync(new InboundMailBuilder()
            .From("Jürgen Müller <juergen@kunde.example>").Subject("Rechnung für März fehlt")
            .Text("Guten Tag,\n\nich habe die Rechnung für März noch nicht bekommen. Können Sie mir die bitte schicken?\n\nViele Grüße"));
        foreach (var (who, rating) in new[] { ("Lena Vogel <lena@example.de>", "good"), ("Marc Roux <marc@example.fr>", "good"), ("Sam Lee <sam@example.com>", "bad") })
        {
            var solved = await _world.OpenTicketAsync(new InboundMailBuilder().From(who).Subject("Solved earlier").Text("Please help with my account settings."));
            await _world.AnswerSurveyAsync(await _world.SolveAndSurveyLinkAsync(solved.Id, SurveyRating.Good), rating, rating == "bad" ? "Took three emails." : "Quick and kind.");
        }

        await _dashboard.SignInAsync(_world.AgentKey, "alice");
        await Expect(_dashboard.QueueRows).ToHaveCountAsync(5);
        await Expect(_dashboard.QueueRow("Rechnung für März fehlt").Locator(".lang")).ToHaveTextAsync("de");
        await Expect(_dashboard.Page.Locator("#m-csat")).ToContainTextAsync("7 days: 66.7% good (3 answers)");
        await Expect(_dashboard.QueueRow("Cannot reset my password")).ToHaveClassAsync(new Regex(@"\brisk-breached\b"));
        await Expect(_dashboard.SlaCell("Cannot reset my password")).ToContainTextAsync("overdue 3");
        await Expect(_dashboard.QueueRow("Question about the yearly plan")).ToHaveClassAsync(new Regex(@"\brisk-atRisk\b"));
        await Expect(_dashboard.QueueRows.First).ToContainTextAsync("Cannot reset my password");
        await _dashboard.OpenTicketAsync("Checkout fails with error 502");
        await Expect(_dashboard.Page.Locator("#ticket-people")).ToContainTextAsync("Priya Shah <priya@shop.example>");
        await Expect(_dashboard.Page.Locator("#ticket-meta")).ToContainTextAsync("writes in English");
        await _dashboard.ReplyAsync("Checked with the payments team: their gateway is degraded. Bumping to urgent and watching it.", isPublic: false);
        await _dashboard.ChoosePromiseAsync("Update", TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddHours(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        await _dashboard.ReplyAsync("Thanks Ravi, we are on it and will update you within the hour.");
        await Expect(_dashboard.PromiseCell("Checkout fails with error 502")).ToContainTextAsync("Update");
        await Expect(_dashboard.PromiseCell("Cannot reset my password")).ToContainTextAsync("overdue 3");
        await Expect(_dashboard.PromiseCell("Question about the yearly plan")).ToContainTextAsync(" left");
        await _dashboard.Page.Locator("details.history").First.EvaluateAsync("d => d.open = true");

        var path = RepositoryRoot.Combine("docs", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await _dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is suspiciously small");
    }
}
