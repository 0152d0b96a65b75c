using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Sla;

[Collection(AzuriteCollection.Name)]
public sealed class TicketLifeTests(AzuriteFixture fixture)
{
    // Monday 5 January 2026, 09:00 London (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneTicket_WholeLife_EveryPromiseKeptOnceInOrder()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        await world.DrainAsync();
        var ack = Assert.Single(world.Sent);
        Assert.Equal(["jane@example.com"], ack.To);
        Assert.Equal("auto-replied", ack.MailHeader("Auto-Submitted"));

        // 75% of the 8h first-response target: the assignee (no one yet: the team address) is reminded.
        world.Time.SetUtcNow(Monday.AddHours(6));
        await world.SweepAsync(DueKinds.EscalationSweep);
        var reminder = world.Sent[^1];
        Assert.Equal(2, world.Sent.Count);
        Assert.Equal($"[#{ticket.Id}] SLA: first response 75% — Printer on fire", reminder.Subject);
        Assert.Equal(["support@example.com"], reminder.To);
        Assert.Contains($"https://support.example.test/#/tickets/{ticket.Id}", reminder.Content("text/plain"), StringComparison.Ordinal);

        // 100%: the team lead is told and the priority raised to high, which puts the ticket past 150% of high's 4h: the
        // manager level follows in the same commit, after the breach.
        world.Time.SetUtcNow(Monday.AddHours(8));
        await world.SweepAsync(DueKinds.EscalationSweep);
        Assert.Equal(4, world.Sent.Count);
        Assert.Equal(["support-lead@example.com"], world.Sent[2].To);
        Assert.Contains("SLA: first response 100%", world.Sent[2].Subject, StringComparison.Ordinal);
        Assert.Equal(["support-manager@example.com"], world.Sent[3].To);
        Assert.Contains("SLA: first response 150%", world.Sent[3].Subject, StringComparison.Ordinal);
        Assert.Equal(Priority.High, (await world.Store.GetAsync(ticket.Id, default))!.Priority);

        // Same sweep again at the same time: nothing new.
        await world.SweepAsync(DueKinds.EscalationSweep);
        Assert.Equal(4, world.Sent.Count);

        // The agent answers on Tuesday 10:00 and asks the customer something: clocks pause, reminders start.
        world.Time.SetUtcNow(Monday.AddDays(1).AddHours(1));
        await world.ChangeAsync(ticket.Id, world.Planner.OnAgentPublicReply);
        var pending = await world.ChangeAsync(ticket.Id, (t, now) => world.Planner.OnStatusChanged(t, TicketStatus.PendingCustomer, now));
        Assert.Null(pending.Sla.Resolution!.DueAt);

        // Thursday 10:00: first pending reminder (2 days) to the customer, threaded to their mail; escalations stay quiet.
        world.Time.SetUtcNow(Monday.AddDays(3).AddHours(1));
        await world.SweepAsync(DueKinds.EscalationSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);
        Assert.Equal(5, world.Sent.Count);
        var pendingReminder = world.Sent[^1];
        Assert.Equal(["jane@example.com"], pendingReminder.To);
        Assert.StartsWith($"[#{ticket.Id}]", pendingReminder.Subject, StringComparison.Ordinal);
        Assert.Equal("auto-generated", pendingReminder.MailHeader("Auto-Submitted"));
        Assert.Equal($"<{ticket.LastCustomerMessageId!.Trim('<', '>')}>", pendingReminder.MailHeader("In-Reply-To"));

        // Friday 10:00 the customer answers: open again, clocks resume, pending reminders gone from the index.
        world.Time.SetUtcNow(Monday.AddDays(4).AddHours(1));
        var resumed = await world.CustomerRepliesAsync(ticket.Id);
        Assert.Equal(TicketStatus.Open, resumed.Status);
        Assert.NotNull(resumed.Sla.Resolution!.DueAt);
        Assert.DoesNotContain(await world.DueRowsAsync(), k => k.EndsWith("-pending", StringComparison.Ordinal) || k.EndsWith("-autoclose", StringComparison.Ordinal));

        // No word from us for 16 business hours (Friday 10:00 → Tuesday 10:00): a status note to the customer.
        world.Time.SetUtcNow(Monday.AddDays(8).AddHours(1));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        var note = world.Sent.Last(r => r.To.Contains("jane@example.com"));
        Assert.Contains("A short update", note.Content("text/plain"), StringComparison.Ordinal);

        // Solved; three days later the check-back with the survey, once.
        var sentBeforeSolve = world.Sent.Count;
        await world.ChangeAsync(ticket.Id, world.Planner.OnAgentPublicReply);
        await world.ChangeAsync(ticket.Id, (t, now) => world.Planner.OnStatusChanged(t, TicketStatus.Solved, now));
        world.Time.Advance(TimeSpan.FromDays(3));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);
        var checkBack = world.Sent.Where(r => r.Content("text/plain")?.Contains("/api/csat/", StringComparison.Ordinal) == true).ToList();
        Assert.Single(checkBack);
        Assert.Equal(sentBeforeSolve + 1, world.Sent.Count);

        // The customer clicks "good", then "bad": the first answer is recorded, once.
        var links = System.Text.RegularExpressions.Regex.Matches(checkBack[0].Content("text/plain")!, @"/api/csat/(\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(SurveyOutcomeKind.Recorded, (await world.Survey.RecordAsync(links[0], null, null, default)).Kind);
        Assert.Equal(SurveyOutcomeKind.AlreadyRecorded, (await world.Survey.RecordAsync(links[1], null, null, default)).Kind);
        var final = (await world.Store.GetAsync(ticket.Id, default))!;
        Assert.Equal(SurveyRating.Good, final.Sla.SurveyAnswer);
        var events = await world.Store.GetEventsAsync(ticket.Id, default);
        Assert.Single(events, e => e.Kind == TicketEventKinds.SurveyAnswered);
        Assert.Equal(3, events.Count(e => e.Kind == TicketEventKinds.Escalated && e.Detail.StartsWith("first response", StringComparison.Ordinal)));

        // Seven days after the solve the ticket closes; nothing is left in the due index.
        world.Time.Advance(TimeSpan.FromDays(4));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        await world.SweepAsync(DueKinds.EscalationSweep);
        Assert.Equal(TicketStatus.Closed, (await world.Store.GetAsync(ticket.Id, default))!.Status);
        Assert.Empty(await world.DueRowsAsync());
    }

    [Fact]
    public async Task PendingTicket_SweepAfterDowntime_RemindsAndClosesOnceInOrder()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        await world.DrainAsync();
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.ChangeAsync(ticket.Id, world.Planner.OnAgentPublicReply);
        await world.ChangeAsync(ticket.Id, (t, now) => world.Planner.OnStatusChanged(t, TicketStatus.PendingCustomer, now));

        // Nothing ran for ten days.
        world.Time.Advance(TimeSpan.FromDays(10));
        await world.SweepAsync(DueKinds.FollowUpSweep);
        await world.SweepAsync(DueKinds.FollowUpSweep);

        var toCustomer = world.Sent.Skip(1).ToList();
        Assert.Equal(3, toCustomer.Count);
        Assert.Contains("waiting for your answer", toCustomer[0].Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("waiting for your answer", toCustomer[1].Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains("We have closed ticket", toCustomer[2].Content("text/plain"), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Closed, (await world.Store.GetAsync(ticket.Id, default))!.Status);
        Assert.Empty(await world.DueRowsAsync());
    }

    [Fact]
    public async Task TwoSweepsOverlapping_ManyTickets_EachActionRecordedOnceNoEmailTwice()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var tickets = new List<Ticket>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(await world.OpenTicketAsync());
        }

        await world.DrainAsync();
        world.Time.Advance(TimeSpan.FromHours(6));

        await Task.WhenAll(
            world.Sweeper(parallelism: 2).RunAsync(DueKinds.EscalationSweep, default),
            world.Sweeper(parallelism: 3).RunAsync(DueKinds.EscalationSweep, default),
            world.Sweeper(parallelism: 1).RunAsync(DueKinds.EscalationSweep, default));
        await world.DrainAsync();

        // Six reminders to the same team address: digests. Overlapping runs (which the timer's lease normally prevents)
        // may name a ticket in two emails, but each level fires once and no email is sent twice.
        var toTeam = world.Sent.Skip(tickets.Count).ToList();
        Assert.All(toTeam, r => Assert.Equal(["support@example.com"], r.To));
        Assert.Equal(toTeam.Count, toTeam.Select(r => r.MailHeader("Message-ID")).Distinct().Count());
        foreach (var t in tickets)
        {
            Assert.Equal(1, (await world.Store.GetAsync(t.Id, default))!.Sla.FirstResponse!.LevelsFired);
            Assert.Contains(toTeam, r => r.Content("text/plain")!.Contains($"[#{t.Id}]", StringComparison.Ordinal));
        }

        Assert.Empty(await world.DueRowsAsync(r => r.EndsWith("-esc-fr", StringComparison.Ordinal) && string.CompareOrdinal(r, DueSchedule.Stamp(world.Time.GetUtcNow())) <= 0));
    }

    [Fact]
    public async Task StaleDueRow_TicketMovedOn_IsDeletedWithoutSending()
    {
        await using var world = await SlaWorld.StartAsync(fixture, Monday);
        var ticket = await world.OpenTicketAsync();
        await world.DrainAsync();
        var stored = (await world.Store.GetAsync(ticket.Id, default))!;

        // A crash left a row the ticket no longer wants (as between the upsert and a failed commit).
        await world.Due.WriteAsync(ticket.Id, [new DueEntry(DueKinds.StatusNote, Monday.AddMinutes(30), DueKinds.FollowUpSweep)], default);
        world.Time.Advance(TimeSpan.FromHours(1));

        var report = await world.SweepAsync(DueKinds.FollowUpSweep);

        Assert.Equal((1, 0, 1), (report.Rows, report.Acted, report.NothingDue));
        Assert.Single(world.Sent);
        Assert.DoesNotContain(await world.DueRowsAsync(), k => k.StartsWith("20260105T093000Z", StringComparison.Ordinal));
        Assert.Equal(stored.Version, (await world.Store.GetAsync(ticket.Id, default))!.Version);
    }
}
