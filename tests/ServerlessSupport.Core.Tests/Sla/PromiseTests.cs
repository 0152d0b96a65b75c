using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;

namespace ServerlessSupport.Core.Tests.Sla;

/// <summary>Promises to the customer on the shipped policy: made, kept, reminded, broken with an apology, restated.</summary>
public sealed class PromiseTests
{
    // Monday 5 January 2026, 10:00 London (= UTC): inside business hours and the customer's daytime.
    private static readonly DateTimeOffset Opened = Utc(2026, 1, 5, 10);

    private readonly SlaPlanner _planner = new(ShippedPolicy);
    private readonly SlaActionComposer _composer = new(
        ShippedPolicy,
        new SupportIdentity("support@example.test", "Example Support"),
        new SlaSettings("https://support.example.test", new SurveyTokens("secret")));

    private Ticket Opened_(string? assignee = "agent@example.test", string language = "en")
    {
        var builder = new SlaTicketBuilder().WithLanguage(language);
        return (assignee is null ? builder : builder.WithAssignee(assignee)).Created(_planner, Opened);
    }

    private Ticket Promised(Ticket ticket, PromiseKind kind, DateTimeOffset by, string madeBy = "alice") =>
        _planner.OnPromiseMade(ticket, kind, by, madeBy, Opened);

    [Fact]
    public void OnPromiseMade_SameKindOpen_ReplacesIt()
    {
        var ticket = Promised(Promised(Opened_(), PromiseKind.Update, Opened.AddHours(2)), PromiseKind.Update, Opened.AddHours(4));

        Assert.Equal([PromiseState.Replaced, PromiseState.Open], ticket.Sla.Promises.Select(p => p.State));
        Assert.Equal([1, 2], ticket.Sla.Promises.Select(p => p.Id));
        Assert.Equal(Opened, ticket.Sla.Promises[0].SettledAt);
    }

    [Fact]
    public void OnAgentPublicReply_InTime_KeepsFirstResponseAndUpdateButNotResolution()
    {
        var ticket = Promised(Promised(Promised(Opened_(), PromiseKind.FirstResponse, Opened.AddHours(1), "system"), PromiseKind.Update, Opened.AddHours(2)), PromiseKind.Resolution, Opened.AddDays(2));

        var replied = _planner.OnAgentPublicReply(ticket, Opened.AddMinutes(30));

        Assert.Equal([PromiseState.Kept, PromiseState.Kept, PromiseState.Open], replied.Sla.Promises.Select(p => p.State));
    }

    [Fact]
    public void OnAgentPublicReply_AfterTheDate_SettlesTheUpdateAsBroken()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(2));

        var replied = _planner.OnAgentPublicReply(ticket, Opened.AddHours(3));

        Assert.Equal(PromiseState.Broken, Assert.Single(replied.Sla.Promises).State);
        Assert.DoesNotContain(DueSchedule.Deadlines(replied), e => e.Kind is DueKinds.PromiseCheck or DueKinds.PromiseReminder);
    }

    [Fact]
    public void OnStatusChanged_SolvedInTime_KeepsTheResolutionAndRecordsItsTime()
    {
        var ticket = Promised(Promised(Opened_(), PromiseKind.Update, Opened.AddHours(5)), PromiseKind.Resolution, Opened.AddDays(2));

        var solved = _planner.OnStatusChanged(ticket, TicketStatus.Solved, Opened.AddHours(3));

        Assert.Equal([PromiseState.Replaced, PromiseState.Kept], solved.Sla.Promises.Select(p => p.State));
        Assert.Equal(TimeSpan.FromHours(3), solved.ResolutionTime);
        Assert.Equal(Opened.AddHours(3), solved.ResolvedAt);
    }

    [Fact]
    public void DueSchedule_OpenPromise_RemindsOnTheEscalationSweepAndChecksOnTheFollowUpSweep()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3));

        var deadlines = DueSchedule.Deadlines(ticket);

        Assert.Contains(new DueEntry(DueKinds.PromiseReminder, Opened.AddHours(2), DueKinds.EscalationSweep), deadlines);
        Assert.Contains(new DueEntry(DueKinds.PromiseCheck, Opened.AddHours(3), DueKinds.FollowUpSweep), deadlines);
        Assert.Equal(2, DueSchedule.For(ticket).Count);
    }

    [Fact]
    public void DueSchedule_PromiseMadeWithinTheReminderTime_HasNoReminder()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddMinutes(30));

        Assert.Null(Assert.Single(ticket.Sla.Promises).RemindAt);
    }

    [Fact]
    public void DueSchedule_Pending_HasNoPromiseRows()
    {
        var ticket = Promised(Opened_(), PromiseKind.Resolution, Opened.AddDays(1));

        var pending = _planner.OnStatusChanged(ticket, TicketStatus.PendingCustomer, Opened.AddHours(1));

        Assert.DoesNotContain(DueSchedule.Deadlines(pending), e => e.Kind is DueKinds.PromiseCheck or DueKinds.PromiseReminder);
        Assert.True(_planner.DueActions(pending, DueKinds.FollowUpSweep, Opened.AddDays(2)).Actions.All(a => a is not PromisesBroken));
    }

    [Fact]
    public void DueActions_ReminderTime_RemindsTheAssigneeOnce()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3));
        var now = Opened.AddHours(2);

        var decision = _planner.DueActions(ticket, DueKinds.EscalationSweep, now);
        var commit = _composer.Compose(ticket, decision, now);

        Assert.IsType<PromiseReminderDue>(Assert.Single(decision.Actions));
        Assert.True(_planner.DueActions(decision.Ticket, DueKinds.EscalationSweep, now).IsEmpty);
        var email = Assert.Single(commit.Outbox).Email;
        Assert.Equal("agent@example.test", Assert.Single(email.To).Address);
        Assert.StartsWith("[#K7M2QX9P] Promise due Monday 5 January, 13:00 (UTC)", email.Subject, StringComparison.Ordinal);
        Assert.Equal(TicketEventKinds.PromiseReminder, Assert.Single(commit.Events).Kind);
    }

    [Fact]
    public void DueActions_DatePassedWithoutAnotherPromise_BreaksItAndPromisesTheTeamsEstimate()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3));
        var now = Opened.AddHours(3).AddMinutes(1);

        var decision = _planner.DueActions(ticket, DueKinds.FollowUpSweep, now);

        var broken = Assert.IsType<PromisesBroken>(Assert.Single(decision.Actions));
        Assert.Equal(PromiseState.Broken, Assert.Single(broken.Broken).State);
        Assert.NotNull(broken.Estimate);
        Assert.False(broken.Estimate.FromPace);
        Assert.Equal((PromiseKind.Resolution, PromiseBook.System, true), (broken.Next.Kind, broken.Next.MadeBy, broken.Next.Estimate));
        Assert.Equal(ticket.Sla.Resolution!.DueAt, broken.Next.By);
        Assert.Equal([PromiseState.Broken, PromiseState.Open], decision.Ticket.Sla.Promises.Select(p => p.State));
        Assert.True(_planner.DueActions(decision.Ticket, DueKinds.FollowUpSweep, now).IsEmpty);
    }

    [Fact]
    public void DueActions_AgentPromisedASolutionSince_NamesItAsTheNewDate()
    {
        var ticket = Promised(Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3)), PromiseKind.Resolution, Opened.AddDays(3));

        var decision = _planner.DueActions(ticket, DueKinds.FollowUpSweep, Opened.AddHours(4));

        var broken = Assert.IsType<PromisesBroken>(Assert.Single(decision.Actions));
        Assert.Null(broken.Estimate);
        Assert.Equal(2, broken.Next.Id);
        Assert.Equal(2, decision.Ticket.Sla.Promises.Count);
    }

    [Fact]
    public void DueActions_EnoughResolutionSamples_EstimatesFromThePace()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3));
        var pace = PaceSnapshot.Empty(Opened) with { Resolution = new Dictionary<Priority, PaceFigure> { [Priority.Normal] = new(TimeSpan.FromHours(13), 12) } };

        var decision = _planner.DueActions(ticket, DueKinds.FollowUpSweep, Opened.AddHours(4), pace);

        var estimate = Assert.IsType<PromisesBroken>(Assert.Single(decision.Actions)).Estimate!;
        Assert.True(estimate.FromPace);
        Assert.Equal(TimeSpan.FromHours(16), estimate.Within);
        Assert.Equal(Utc(2026, 1, 7, 10), estimate.By);
    }

    [Fact]
    public void Compose_Broken_ApologisesToTheCustomerAndTellsTheAssigneeAndTheTeamLead()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Opened.AddHours(3));
        var now = Opened.AddHours(4);

        var commit = _composer.Compose(ticket, _planner.DueActions(ticket, DueKinds.FollowUpSweep, now), now);

        Assert.Equal([TicketEventKinds.PromiseBroken, TicketEventKinds.PromiseMade, TicketEventKinds.PromiseApologyQueued], commit.Events.Select(e => e.Kind));
        var staff = commit.Outbox.Single(o => o.Kind == "promise-broken").Email;
        Assert.Equal(["agent@example.test", "support-lead@example.com"], staff.To.Select(t => t.Address));
        var apology = commit.Outbox.Single(o => o.Kind == "apology").Email;
        Assert.Equal("jane@example.com", Assert.Single(apology.To).Address);
        Assert.Equal("auto-generated", apology.AutoSubmitted);
        Assert.Contains("We promised to write to you again by Monday 5 January, 13:00 (UTC). We did not make it, and we are sorry.", apology.Text, StringComparison.Ordinal);
        Assert.Contains("we aim to solve tickets like yours within 5 working days, so our estimate is Monday 12 January, 10:00 (UTC).", apology.Text, StringComparison.Ordinal);
        Assert.Equal(Opened.AddHours(4).AddHours(0), commit.Ticket.UpdatedAt);
    }

    [Theory]
    [InlineData("de", "Wir hatten versprochen, uns bis Montag, 5. Januar, 13:00 Uhr (UTC) wieder bei Ihnen zu melden.")]
    [InlineData("fr", "Nous avions promis de vous écrire de nouveau d’ici le lundi 5 janvier à 13:00 (UTC).")]
    [InlineData("es", "Le prometimos volver a escribirle antes del lunes, 5 de enero, a las 13:00 (UTC).")]
    public void Compose_BrokenInTheCustomersLanguage_ApologisesInIt(string language, string expected)
    {
        var ticket = Promised(Opened_(language: language), PromiseKind.Update, Opened.AddHours(3));
        var now = Opened.AddHours(4);

        var commit = _composer.Compose(ticket, _planner.DueActions(ticket, DueKinds.FollowUpSweep, now), now);

        Assert.Contains(expected, commit.Outbox.Single(o => o.Kind == "apology").Email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ApologyOff_TellsOnlyTheStaff()
    {
        var planner = new SlaPlanner(ShippedPolicy with { Promises = ShippedPolicy.Promises with { Apology = false } });
        var composer = new SlaActionComposer(planner.Policy, new SupportIdentity("support@example.test", "Example Support"), new SlaSettings("https://support.example.test", null));
        var ticket = planner.OnPromiseMade(new SlaTicketBuilder().Created(planner, Opened), PromiseKind.Update, Opened.AddHours(3), "alice", Opened);
        var now = Opened.AddHours(4);

        var commit = composer.Compose(ticket, planner.DueActions(ticket, DueKinds.FollowUpSweep, now), now);

        Assert.DoesNotContain(commit.Outbox, o => o.Email.To.Any(t => t.Address == "jane@example.com"));
        Assert.DoesNotContain(commit.Events, e => e.Kind == TicketEventKinds.PromiseApologyQueued);
    }

    [Fact]
    public void DueSchedule_DatePassesAtNight_ChecksInTheCustomersMorning()
    {
        var ticket = Promised(Opened_(), PromiseKind.Update, Utc(2026, 1, 5, 22));

        Assert.Equal(Utc(2026, 1, 6, 8), Assert.Single(ticket.Sla.Promises).CheckAt);
    }

    [Fact]
    public void Compose_StatusNote_RepeatsTheLastReplyAndStatesTheOpenPromise()
    {
        var ticket = Promised(Opened_() with { LastReplyExcerpt = "We have ordered the part.\nIt ships Friday.", LastAgentUpdateAt = Opened }, PromiseKind.Resolution, Utc(2026, 1, 9, 17));
        var now = ticket.Sla.StatusNoteDue!.Value;

        var commit = _composer.Compose(ticket, _planner.DueActions(ticket, DueKinds.FollowUpSweep, now), now);

        var text = Assert.Single(commit.Outbox).Email.Text;
        Assert.Contains("Our last message to you, on Monday 5 January, 10:00 (UTC), said:\n> We have ordered the part.\n> It ships Friday.", text, StringComparison.Ordinal);
        Assert.Contains("We expect to have this solved by Friday 9 January, 17:00 (UTC).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_StatusNoteWithoutPromise_StatesTheEstimateAsAnEstimate()
    {
        var ticket = Opened_();
        var now = ticket.Sla.StatusNoteDue!.Value;
        var pace = PaceSnapshot.Empty(now) with { Resolution = new Dictionary<Priority, PaceFigure> { [Priority.Normal] = new(TimeSpan.FromHours(20), 30) } };

        var commit = _composer.Compose(ticket, _planner.DueActions(ticket, DueKinds.FollowUpSweep, now, pace), now);

        var text = Assert.Single(commit.Outbox).Email.Text;
        Assert.Contains("Tickets like yours are usually solved within 3 working days.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Our last message", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_WithPromise_StatesItInTheCustomersTimeAndTracksIt()
    {
        var actions = new AgentActions(_planner, new SupportIdentity("support@example.test", "Example Support"));
        var ticket = Opened_() with { CustomerUtcOffset = TimeSpan.FromHours(1) };

        var commit = actions.Reply(ticket, "alice", "The part is ordered.", isPublic: true, Opened, new AgentPromise(PromiseKind.Resolution, Utc(2026, 1, 9, 16)));

        Assert.Contains("The part is ordered.\n\nWe expect to have this solved by Friday 9 January, 17:00 (UTC+01:00).", Assert.Single(commit.Outbox).Email.Text, StringComparison.Ordinal);
        var promise = Assert.Single(commit.Ticket.Sla.Promises);
        Assert.Equal((PromiseKind.Resolution, "alice", PromiseState.Open), (promise.Kind, promise.MadeBy, promise.State));
        Assert.Contains(commit.Events, e => e.Kind == TicketEventKinds.PromiseMade);
        Assert.Equal("The part is ordered.", commit.Ticket.LastReplyExcerpt);
    }

    [Theory]
    [InlineData(false, 2, "promise needs a public reply")]
    [InlineData(true, -1, "promise.by is in the past.")]
    [InlineData(true, 400, "promise.by is more than a year ahead.")]
    public void Reply_PromiseThatCannotBeMade_IsRefused(bool isPublic, int days, string problem)
    {
        var actions = new AgentActions(_planner, new SupportIdentity("support@example.test", "Example Support"));

        var error = Assert.Throws<ArgumentException>(() => actions.Reply(Opened_(), "alice", "Text.", isPublic, Opened, new AgentPromise(PromiseKind.Update, Opened.AddDays(days))));

        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_LongReplyWithQuotedHistory_KeepsTheStartOfTheNewPart()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 150)) + "\n\nOn Mon, 5 Jan 2026, Jane wrote:\n> the question";

        var excerpt = AgentActions.Excerpt(text);

        Assert.True(excerpt.Length <= AgentActions.ExcerptLength);
        Assert.EndsWith("word…", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("question", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_ManyPromises_KeepsTheNewestAndEveryOpenOne()
    {
        var promises = (IReadOnlyList<TicketPromise>)[];
        for (var i = 0; i < PromiseBook.MaxKept + 5; i++)
        {
            (promises, _) = PromiseBook.Make(promises, PromiseKind.Update, Opened.AddHours(i + 1), "alice", Opened);
        }

        Assert.Equal(PromiseBook.MaxKept, promises.Count);
        Assert.Equal(PromiseBook.MaxKept + 5, promises[^1].Id);
        Assert.True(promises[^1].IsOpen);
    }
}
