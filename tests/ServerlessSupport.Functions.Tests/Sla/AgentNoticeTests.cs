using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

/// <summary>Agents' notifications through the escalation sweep, on Azurite and a local SendGrid.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentNoticeTests(AzuriteFixture fixture)
{
    // Monday 5 January 2026, 09:00 London (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task<AgentProfile> AgentAsync(SlaWorld world, string name = "alice", bool newTickets = false) =>
        await world.Agents.SaveAsync(name, $"{name}@shop.example", AgentNotifications.Default with { NewTickets = newTickets }, default);

    private static async Task<AgentRoster> RosterAsync(SlaWorld world) => new(await world.Agents.ListAsync(default));

    [Fact]
    public async Task EscalationSweep_AssignedToAnAgentWhoAsked_NotifiesThemWithTheirSignedReplyAddress()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var alice = await AgentAsync(world);
        var ticket = await world.OpenTicketAsync("Printer on fire", "It smokes since this morning.");
        var actions = new AgentActions(world.Planner, world.Support);
        var roster = await RosterAsync(world);
        await world.CommitAsync(ticket.Id, (t, now) => actions.Change(t, "bob", new TicketChange(null, null, "alice", null), now, roster)!);

        await world.SweepAsync(DueKinds.EscalationSweep);
        await world.SweepAsync(DueKinds.EscalationSweep);

        var notice = Assert.Single(world.Sent, r => r.To.Contains("alice@shop.example"));
        Assert.Equal($"[#{ticket.Id}] Assigned to you: Printer on fire", notice.Subject);
        Assert.Equal("auto-generated", notice.MailHeader("Auto-Submitted"));
        var replyTo = notice.ReplyTo!;
        Assert.Equal((ReplyTokenState.Valid, ticket.Id, alice.Id), Check(world, replyTo));
        var text = notice.Content("text/plain")!;
        Assert.StartsWith("-- Reply above this line --", text, StringComparison.Ordinal);
        Assert.Contains("> It smokes since this morning.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Sent, r => r.To.Contains("jane@example.com") && r.Subject!.Contains("Assigned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EscalationSweep_SelfAssignedOrNobodyAsked_SendsNothingAndKeepsNoNotice()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        await world.Agents.SaveAsync("alice", "alice@shop.example", AgentNotifications.Default with { Assignments = false }, default);
        var ticket = await world.OpenTicketAsync(roster: await RosterAsync(world));
        var actions = new AgentActions(world.Planner, world.Support);

        var roster = await RosterAsync(world);
        var assigned = await world.CommitAsync(ticket.Id, (t, now) => actions.Change(t, "bob", new TicketChange(null, null, "alice", null), now, roster)!);

        Assert.Empty(assigned.Sla.AgentNotices);
        Assert.DoesNotContain(await world.DueRowsAsync(), k => k.EndsWith(DueKinds.AgentNotices, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EscalationSweep_CustomerRepliesOnAnAssignedTicket_TellsTheAssignee()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        await AgentAsync(world);
        var ticket = await world.OpenTicketAsync();
        await world.ChangeAsync(ticket.Id, (t, _) => t with { Assignee = "alice" });
        world.Time.Advance(TimeSpan.FromMinutes(5));

        await world.CustomerRepliesAsync(ticket.Id, await RosterAsync(world));
        await world.SweepAsync(DueKinds.EscalationSweep);

        var notice = Assert.Single(world.Sent, r => r.To.Contains("alice@shop.example"));
        Assert.Equal($"[#{ticket.Id}] The customer replied: Printer on fire", notice.Subject);
        Assert.Contains("> More.", notice.Content("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EscalationSweep_NewTicketsForTwoAgents_EachGetsTheirOwnReplyAddress()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var alice = await AgentAsync(world, "alice", newTickets: true);
        var bob = await AgentAsync(world, "bob", newTickets: true);
        await AgentAsync(world, "carol");
        var ticket = await world.OpenTicketAsync(roster: await RosterAsync(world));

        await world.SweepAsync(DueKinds.EscalationSweep);

        var toAlice = Assert.Single(world.Sent, r => r.To.Contains("alice@shop.example"));
        var toBob = Assert.Single(world.Sent, r => r.To.Contains("bob@shop.example"));
        Assert.DoesNotContain(world.Sent, r => r.To.Contains("carol@shop.example"));
        Assert.Equal((ReplyTokenState.Valid, ticket.Id, alice.Id), Check(world, toAlice.ReplyTo!));
        Assert.Equal((ReplyTokenState.Valid, ticket.Id, bob.Id), Check(world, toBob.ReplyTo!));
    }

    [Fact]
    public async Task EscalationSweep_NewTicketsPileUp_OneDigestWithAReplyLinkPerTicket()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        await AgentAsync(world, "alice", newTickets: true);
        var roster = await RosterAsync(world);
        var first = await world.OpenTicketAsync("Printer on fire", roster: roster);
        var second = await world.OpenTicketAsync("Scanner jams", roster: roster);

        await world.SweepAsync(DueKinds.EscalationSweep);

        var digest = Assert.Single(world.Sent, r => r.To.Contains("alice@shop.example"));
        var text = digest.Content("text/plain")!;
        Assert.Contains($"[#{first.Id}] Printer on fire", text, StringComparison.Ordinal);
        Assert.Contains($"[#{second.Id}] Scanner jams", text, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(text, "mailto:support\\+R").Count);
    }

    [Fact]
    public async Task EscalationSweep_ReminderToAnAgentAssignee_CarriesTheirReplyAddress()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var alice = await AgentAsync(world);
        var ticket = await world.OpenTicketAsync();
        await world.ChangeAsync(ticket.Id, (t, _) => t with { Assignee = "alice" });

        world.Time.SetUtcNow(Monday.AddHours(6));
        await world.SweepAsync(DueKinds.EscalationSweep);

        var reminder = Assert.Single(world.Sent, r => r.To.Contains("alice@shop.example"));
        Assert.Contains("SLA: first response 75%", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal((ReplyTokenState.Valid, ticket.Id, alice.Id), Check(world, reminder.ReplyTo!));
    }

    private static (ReplyTokenState, TicketId?, string?) Check(SlaWorld world, string address)
    {
        var check = world.Settings.Replies!.Read([address]);
        return (check.State, check.Ticket, check.AgentId);
    }
}
