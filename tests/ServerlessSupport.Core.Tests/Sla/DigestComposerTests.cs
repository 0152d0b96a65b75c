using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Sla.Surveys;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class DigestComposerTests
{
    private static readonly DateTimeOffset Created = Utc(2026, 1, 5, 9);
    private static readonly DateTimeOffset Now = Utc(2026, 1, 5, 15);
    private readonly SlaPlanner _planner = new(ShippedPolicy);
    private readonly SlaActionComposer _composer = new(ShippedPolicy, new SupportIdentity("support@example.test", "Example Support"), new SlaSettings("https://support.example.test", new SurveyTokens("secret")));

    private (Ticket Ticket, SlaDecision Decision) Due(string id)
    {
        var ticket = new SlaTicketBuilder().WithId(id).Created(_planner, Created);
        return (ticket, _planner.DueActions(ticket, DueKinds.EscalationSweep, Now));
    }

    [Fact]
    public void Compose_ThreeRemindersToTheTeam_AnchorCarriesOneDigestOthersRecordTheirInclusion()
    {
        var work = new[] { Due("B0000000"), Due("A0000000"), Due("C0000000") };
        var routing = DigestRouting.Plan(work.SelectMany(w => _composer.Notices(w.Ticket, w.Decision, Now)));

        Assert.Equal([TicketId.Parse("A0000000")], routing.Anchors);
        var anchor = _composer.Compose(work[1].Ticket, work[1].Decision, Now, routing);
        var digest = Assert.Single(anchor.Outbox);
        Assert.Equal(OutboxEmails.DigestKind, digest.Kind);
        Assert.Equal(["support@example.com"], digest.Email.To.Select(t => t.Address));
        Assert.Equal("SLA digest: 3 notices on 3 tickets", digest.Email.Subject);
        Assert.StartsWith("<D.A0000000.2.", digest.Email.MessageId, StringComparison.Ordinal);
        Assert.Equal("A0000000,B0000000,C0000000", digest.Email.Tags["tickets"]);
        foreach (var id in new[] { "A0000000", "B0000000", "C0000000" })
        {
            Assert.Contains($"[#{id}] Printer on fire (jane@example.com): first response 75% (reminder)", digest.Email.Text, StringComparison.Ordinal);
        }

        routing.AnchoredBy(anchor.Ticket.Id)[0].Committed(digest.Sequence);
        var member = _composer.Compose(work[0].Ticket, work[0].Decision, Now, routing);
        Assert.Empty(member.Outbox);
        Assert.Contains("in the digest email A0000000/out-000002", Assert.Single(member.Events).Detail, StringComparison.Ordinal);
        Assert.Equal(1, member.Ticket.Sla.FirstResponse!.LevelsFired);
    }

    [Fact]
    public void Compose_AnchorNeverCommitted_MemberSendsItsOwnNotice()
    {
        var work = new[] { Due("A0000000"), Due("B0000000") };
        var routing = DigestRouting.Plan(work.SelectMany(w => _composer.Notices(w.Ticket, w.Decision, Now)));

        var member = _composer.Compose(work[1].Ticket, work[1].Decision, Now, routing);

        Assert.Equal("escalation", Assert.Single(member.Outbox).Kind);
    }

    [Fact]
    public void Plan_NoticesOfOneTicketAlone_StaySeparateEmails()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Created);
        var pending = _planner.OnStatusChanged(ticket, TicketStatus.PendingCustomer, Created.AddHours(1));
        var decision = _planner.DueActions(pending, DueKinds.FollowUpSweep, Created.AddDays(10));

        var routing = DigestRouting.Plan(_composer.Notices(pending, decision, Created.AddDays(10)));
        var commit = _composer.Compose(pending, decision, Created.AddDays(10), routing);

        Assert.Empty(routing.Groups);
        Assert.Equal(["pending-reminder", "pending-reminder", "auto-close"], commit.Outbox.Select(o => o.Kind));
    }

    [Fact]
    public void Compose_CustomerDigest_InTheirLanguageWithEachTicketsLine()
    {
        var planner = _planner;
        DateTimeOffset noteDue = default;
        (Ticket, SlaDecision) Note(string id)
        {
            var t = new SlaTicketBuilder().WithId(id).WithLanguage("fr").Created(planner, Created);
            noteDue = t.Sla.StatusNoteDue!.Value;
            return (t, planner.DueActions(t, DueKinds.FollowUpSweep, noteDue));
        }

        var work = new[] { Note("A0000000"), Note("B0000000") };
        var routing = DigestRouting.Plan(work.SelectMany(w => _composer.Notices(w.Item1, w.Item2, noteDue)));

        var digest = Assert.Single(_composer.Compose(work[0].Item1, work[0].Item2, noteDue, routing).Outbox).Email;

        Assert.Equal("Du nouveau sur 2 de vos demandes", digest.Subject);
        Assert.Equal("fr", digest.Language);
        Assert.Null(digest.InReplyTo);
        Assert.Contains("[#A0000000] Printer on fire : toujours ouvert", digest.Text, StringComparison.Ordinal);
        Assert.Contains("[#B0000000] Printer on fire : toujours ouvert", digest.Text, StringComparison.Ordinal);
    }
}
