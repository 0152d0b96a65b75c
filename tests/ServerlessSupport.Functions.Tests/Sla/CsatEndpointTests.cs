using System.Text;
using Microsoft.AspNetCore.Http;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Sla;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

/// <summary>The survey link's page (GET/HEAD) and its form (POST), on Azurite: only the POST records anything.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CsatEndpointTests(AzuriteFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> SendAsync(SlaWorld world, string method, string token, string? form = null)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = $"/api/csat/{token}";
        context.Response.Body = new MemoryStream();
        Microsoft.AspNetCore.Mvc.IActionResult result;
        if (form is null)
        {
            result = await new CsatEndpoint(world.Survey).RunAsync(context.Request, token, default);
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(form);
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
            result = await new CsatAnswerFunction(world.Survey).RunAsync(context.Request, token, default);
        }

        await result.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context });
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync(), context.Response.Headers);
    }

    private static async Task<Ticket> SolvedAsync(SlaWorld world)
    {
        var ticket = await world.OpenTicketAsync();
        return await world.ChangeAsync(ticket.Id, (t, now) => world.Planner.OnStatusChanged(t, TicketStatus.Solved, now));
    }

    [Fact]
    public async Task Get_ValidLink_ShowsTheFormWithTheAnswerChosenAndRecordsNothing()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await SolvedAsync(world);
        var token = new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Bad, Monday.AddDays(14), ticket.ResolutionCount);

        var get = await SendAsync(world, "GET", token);
        var head = await SendAsync(world, "HEAD", token);

        Assert.Equal((200, 200), (get.Status, head.Status));
        Assert.Contains("<form method=\"post\"", get.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"bad\" checked", get.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"good\" checked", get.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"comment\"", get.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing is recorded until you press the button.", get.Body, StringComparison.Ordinal);
        Assert.Equal("no-referrer", get.Headers["Referrer-Policy"]);
        Assert.Equal("no-store", get.Headers.CacheControl);
        Assert.Contains("default-src 'none'", get.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Null(stored.Sla.SurveyAnswer);
        Assert.Equal(ticket.Version, stored.Version);
    }

    [Fact]
    public async Task Post_FormWithOtherChoiceAndComment_RecordsOnceAsTextThenSaysAlreadyRecorded()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await SolvedAsync(world);
        var token = new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Bad, Monday.AddDays(14), ticket.ResolutionCount);

        var first = await SendAsync(world, "POST", token, "rating=good&comment=" + Uri.EscapeDataString("Quick <b>and</b> kind.\r\nThanks"));
        var second = await SendAsync(world, "POST", token, "rating=bad");
        var get = await SendAsync(world, "GET", token);

        Assert.Equal(200, first.Status);
        Assert.Contains("Thank you!", first.Body, StringComparison.Ordinal);
        Assert.Contains("Already recorded", second.Body, StringComparison.Ordinal);
        Assert.Contains("Already recorded", get.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", get.Body, StringComparison.Ordinal);
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal(SurveyRating.Good, stored.Sla.SurveyAnswer);
        Assert.Equal(1, stored.Sla.SurveyResolution);
        Assert.Equal("Quick <b>and</b> kind.\nThanks", stored.Sla.SurveyComment);
        Assert.Single(await world.Store.GetEventsAsync(ticket.Id, default), e => e.Kind == TicketEventKinds.SurveyAnswered);
    }

    [Fact]
    public async Task Post_LinkOfAnEarlierResolution_IsRefusedAndTheNewOneMayBeAnswered()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var first = await SolvedAsync(world);
        var tokens = new SurveyTokens(SlaWorld.SigningKey);
        var old = tokens.Create(first.Id, SurveyRating.Good, Monday.AddDays(14), first.ResolutionCount);
        Assert.Equal(200, (await SendAsync(world, "POST", old, "rating=good")).Status);

        // Reopened by the customer and solved again: a second resolution.
        await world.CustomerRepliesAsync(first.Id);
        var again = await world.ChangeAsync(first.Id, (t, now) => world.Planner.OnStatusChanged(t, TicketStatus.Solved, now));
        var current = tokens.Create(again.Id, SurveyRating.Bad, Monday.AddDays(14), again.ResolutionCount);

        var stale = await SendAsync(world, "POST", old, "rating=bad");
        var fresh = await SendAsync(world, "POST", current, "rating=bad");

        Assert.Equal(2, again.ResolutionCount);
        Assert.Equal(410, stale.Status);
        Assert.Contains("This survey is closed", stale.Body, StringComparison.Ordinal);
        Assert.Contains("Thank you!", fresh.Body, StringComparison.Ordinal);
        var stored = (await world.Store.GetAsync(first.Id, default))!;
        Assert.Equal((SurveyRating.Bad, 2), (stored.Sla.SurveyAnswer!.Value, stored.Sla.SurveyResolution));
    }

    [Fact]
    public async Task Get_GermanTicket_ShowsThePageInGerman()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync("Drucker", "Hallo, der Drucker druckt nicht mehr und ich habe keine Ahnung, was ich tun kann. Bitte helfen Sie mir.");
        Assert.Equal("de", ticket.Language);
        var token = new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Good, Monday.AddDays(14), 0);

        var page = await SendAsync(world, "GET", token);

        Assert.Contains("<html lang=\"de\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("Antwort senden", page.Body, StringComparison.Ordinal);
        Assert.Equal("de", page.Headers.ContentLanguage);
    }

    [Fact]
    public async Task Requests_ForgedExpiredOrBadForm_AnswerAnErrorAndRecordNothing()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await SolvedAsync(world);

        var forged = await SendAsync(world, "POST", new SurveyTokens("another-key").Create(ticket.Id, SurveyRating.Good, Monday.AddDays(14), 1), "rating=good");
        var expired = await SendAsync(world, "POST", new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Good, Monday.AddMinutes(-1), 1), "rating=good");
        var script = await SendAsync(world, "GET", "<script>alert(1)</script>");
        var badRating = await SendAsync(world, "POST", new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Good, Monday.AddDays(14), 1), "rating=excellent");

        Assert.Equal(400, forged.Status);
        Assert.Equal(410, expired.Status);
        Assert.Equal(400, script.Status);
        Assert.Equal(400, badRating.Status);
        Assert.DoesNotContain("<script>", script.Body, StringComparison.Ordinal);
        Assert.Null((await world.Store.GetAsync(ticket.Id, default))!.Sla.SurveyAnswer);
    }
}
