using Microsoft.AspNetCore.Http;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Sla;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

[Collection(AzuriteCollection.Name)]
public sealed class CsatEndpointTests(AzuriteFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(int Status, string Body)> GetAsync(SlaWorld world, string token)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var result = await new CsatEndpoint(world.Survey).RunAsync(context.Request, token, default);
        await result.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context });
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task HandleAsync_ValidThenSecondClick_RecordsOnceAndSaysAlreadyRecorded()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        var tokens = new SurveyTokens(SlaWorld.SigningKey);

        var first = await GetAsync(world, tokens.Create(ticket.Id, SurveyRating.Bad, Monday.AddDays(14)));
        var second = await GetAsync(world, tokens.Create(ticket.Id, SurveyRating.Good, Monday.AddDays(14)));

        Assert.Equal(200, first.Status);
        Assert.Contains("Thank you", first.Body, StringComparison.Ordinal);
        Assert.Equal(200, second.Status);
        Assert.Contains("Already recorded", second.Body, StringComparison.Ordinal);
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal(SurveyRating.Bad, stored.Sla.SurveyAnswer);
        Assert.Single(await world.Store.GetEventsAsync(ticket.Id, default), e => e.Kind == TicketEventKinds.SurveyAnswered);
    }

    [Fact]
    public async Task HandleAsync_ForgedOrExpired_Answers400Or410AndRecordsNothing()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();

        var forged = await GetAsync(world, new SurveyTokens("another-key").Create(ticket.Id, SurveyRating.Good, Monday.AddDays(14)));
        var expired = await GetAsync(world, new SurveyTokens(SlaWorld.SigningKey).Create(ticket.Id, SurveyRating.Good, Monday.AddMinutes(-1)));
        var script = await GetAsync(world, "<script>alert(1)</script>");

        Assert.Equal(400, forged.Status);
        Assert.Equal(410, expired.Status);
        Assert.Equal(400, script.Status);
        Assert.DoesNotContain("<script>", script.Body, StringComparison.Ordinal);
        Assert.Null((await world.Store.GetAsync(ticket.Id, default))!.Sla.SurveyAnswer);
    }
}
