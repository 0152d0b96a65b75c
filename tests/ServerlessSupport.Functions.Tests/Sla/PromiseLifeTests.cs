using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

/// <summary>Promises to the customer through the sweeps on Azurite and a local SendGrid, on the shipped policy.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PromiseLifeTests(AzuriteFixture fixture)
{
    // Monday 5 January 2026, 09:00 London (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FollowUpSweep_AcknowledgmentsPromiseUnkept_OneApologyWithTheNewDateAndTheStaffTold()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        Assert.Equal((PromiseKind.FirstResponse, Monday.AddHours(8)), (Assert.Single(ticket.Sla.Promises).Kind, ticket.Sla.Promises[0].By));

        world.Time.SetUtcNow(Monday.AddHours(8).AddMinutes(1));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);

        var apology = Assert.Single(world.Sent, r => r.To.Contains("jane@example.com") && r.Content("text/plain")?.Contains("sorry", StringComparison.Ordinal) == true);
        var text = apology.Content("text/plain")!;
        Assert.Contains("When you wrote to us, we promised you a reply by Monday 5 January, 17:00 (UTC). We did not make it, and we are sorry.", text, StringComparison.Ordinal);
        Assert.Contains("we aim to solve tickets like yours within 5 working days, so our estimate is Friday 9 January, 17:00 (UTC).", text, StringComparison.Ordinal);
        Assert.Equal("auto-generated", apology.MailHeader("Auto-Submitted"));
        var staff = Assert.Single(world.Sent, r => r.Subject!.Contains("Promise broken", StringComparison.Ordinal));
        Assert.Equal(["support@example.com", "support-lead@example.com"], staff.To);
        Assert.Equal(3, world.Sent.Count);

        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal([PromiseState.Broken, PromiseState.Open], stored.Sla.Promises.Select(p => p.State));
        Assert.True(stored.Sla.Promises[1].Estimate);
        Assert.Equal(Monday.AddDays(4).AddHours(8), stored.Sla.Promises[1].By);
        var events = await world.Store.GetEventsAsync(ticket.Id, default);
        Assert.Single(events, e => e.Kind == TicketEventKinds.PromiseApologyQueued);
    }

    [Fact]
    public async Task Sweeps_AgentsUpdatePromiseNobodyKeeps_RemindsTheTeamThenBreaksItOnce()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        world.Time.SetUtcNow(Monday.AddHours(1));
        var by = new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.FromHours(1));
        await world.AgentRepliesAsync(ticket.Id, "We are looking into it.", new AgentPromise(PromiseKind.Update, by));
        Assert.Contains("We are looking into it.\n\nWe will write to you again by Monday 5 January, 13:00 (UTC).", world.Sent[^1].Content("text/plain"), StringComparison.Ordinal);

        world.Time.SetUtcNow(Monday.AddHours(3));
        await world.SweepAsync(DueKinds.EscalationSweep);
        var reminder = world.Sent[^1];
        Assert.Equal(["support@example.com"], reminder.To);
        Assert.StartsWith($"[#{ticket.Id}] Promise due Monday 5 January, 13:00 (UTC)", reminder.Subject, StringComparison.Ordinal);

        world.Time.SetUtcNow(Monday.AddHours(4).AddMinutes(1));
        var sent = world.Sent.Count;
        await world.SweepAsync(DueKinds.EscalationSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);

        var apology = Assert.Single(world.Sent.Skip(sent), r => r.To.Contains("jane@example.com"));
        Assert.Contains("We promised to write to you again by Monday 5 January, 13:00 (UTC). We did not make it, and we are sorry.", apology.Content("text/plain"), StringComparison.Ordinal);
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal([PromiseState.Kept, PromiseState.Broken, PromiseState.Open], stored.Sla.Promises.Select(p => p.State));
    }

    [Fact]
    public async Task Sweeps_PromiseKeptByAPublicReplyInTime_NoApology()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        world.Time.SetUtcNow(Monday.AddHours(1));
        await world.AgentRepliesAsync(ticket.Id, "Looking.", new AgentPromise(PromiseKind.Update, Monday.AddHours(4)));
        world.Time.SetUtcNow(Monday.AddHours(3).AddMinutes(30));
        await world.AgentRepliesAsync(ticket.Id, "Found it: the fuser.");

        world.Time.SetUtcNow(Monday.AddHours(5));
        var sent = world.Sent.Count;
        await world.SweepAsync(DueKinds.EscalationSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);

        Assert.Equal(sent, world.Sent.Count);
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal([PromiseState.Kept, PromiseState.Kept], stored.Sla.Promises.Select(p => p.State));
        Assert.DoesNotContain(await world.DueRowsAsync(), k => k.EndsWith("-" + DueKinds.PromiseCheck, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUpSweep_StatusNote_RepeatsTheLastReplysWords()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        world.Time.SetUtcNow(Monday.AddHours(1));
        await world.AgentRepliesAsync(ticket.Id, "We have ordered the replacement part from the maker.\n\nOn Mon, Jane wrote:\n> It smokes.");

        // 16 business hours after Monday 10:00 is Wednesday 10:00.
        world.Time.SetUtcNow(Monday.AddDays(2).AddHours(1));
        await world.SweepAsync(DueKinds.FollowUpSweep);

        var note = world.Sent[^1].Content("text/plain")!;
        Assert.Contains("Our last message to you, on Monday 5 January, 10:00 (UTC), said:\n> We have ordered the replacement part from the maker.\n", note, StringComparison.Ordinal);
        Assert.DoesNotContain("It smokes", note, StringComparison.Ordinal);
        Assert.Contains("We aim to solve tickets like yours within 5 working days.", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpSweep_TeamSolvedEnoughTickets_EstimatesFromItsResolutionTimes()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var solved = new List<Ticket>();
        for (var i = 0; i < 10; i++)
        {
            solved.Add(await world.OpenTicketAsync($"Question {i}"));
        }

        world.Time.SetUtcNow(Monday.AddHours(3));
        foreach (var t in solved)
        {
            await world.ChangeAsync(t.Id, (ticket, now) => world.Planner.OnStatusChanged(ticket, TicketStatus.Solved, now));
        }

        // Opened Monday 12:00, its first reply promised for Tuesday 12:00; the estimate counts the team's 3 working hours from then.
        var open = await world.OpenTicketAsync("Still waiting");
        world.Time.SetUtcNow(Monday.AddDays(1).AddHours(3));
        await world.SweepAsync(DueKinds.FollowUpSweep);

        var apology = Assert.Single(world.Sent, r => r.Subject!.Contains(open.Id.ToString(), StringComparison.Ordinal) && r.Content("text/plain")?.Contains("sorry", StringComparison.Ordinal) == true);
        Assert.Contains("tickets like yours are usually solved within 3 working hours, so our estimate is Tuesday 6 January, 15:00 (UTC).", apology.Content("text/plain"), StringComparison.Ordinal);
    }
}
