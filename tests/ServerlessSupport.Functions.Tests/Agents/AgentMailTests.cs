using System.Text.Json.Nodes;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Agents;

/// <summary>
/// Agents working from their inbox, end to end over HTTP on Azurite: the assignment notice the escalation sweep sends with
/// the agent's signed reply address, and the agent's mail to that address in SendGrid's parsed and raw modes and as JSON.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentMailTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Words = "Hi Jane, please unplug the printer now; a technician will call you at 3 pm today.";

    private AgentMailSession _session = null!;

    public async Task InitializeAsync() => _session = await AgentMailSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task EscalationSweep_AssignedToAgentWithAddress_MailsNoticeWithSignedReplyTo()
    {
        var id = await _session.OpenTicketAsync();
        await _session.AssignAsync(id);
        var beforeSweep = _session.SendGrid.Requests.Where(r => r.To.Contains(AgentMailSession.AgentAddress)).ToList();

        await _session.SweepUntilAsync(() => _session.SendGrid.Requests.Any(r => r.To.Contains(AgentMailSession.AgentAddress)), "notice");
        await _session.SweepAsync();

        Assert.Empty(beforeSweep);
        var notice = Assert.Single(_session.SendGrid.Requests, r => r.To.Contains(AgentMailSession.AgentAddress));
        Assert.Equal($"[#{id}] Assigned to you: Printer on fire", notice.Subject);
        Assert.Matches($"^support\\+R2{id}[0-9A-Z]{{8}}[0-9A-Z]{{10}}@example\\.test$", notice.ReplyTo);
        Assert.Equal("auto-generated", notice.MailHeader("Auto-Submitted"));
        var text = notice.Content("text/plain")!;
        Assert.StartsWith("-- Reply above this line --", text, StringComparison.Ordinal);
        Assert.Contains("> Hello, my printer is on fire.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_session.SendGrid.Requests, r => r.To.Contains(AgentMailSession.Customer) && r.Subject!.Contains("Assigned", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(InboundMode.Parsed, "gmail")]
    [InlineData(InboundMode.Raw, "gmail")]
    [InlineData(InboundMode.Parsed, "outlook")]
    [InlineData(InboundMode.Raw, "apple")]
    public async Task PostReply_DkimPassFromAgentsAddress_CustomerGetsOnlyTheAgentsWords(InboundMode mode, string client)
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write(client, Words, notice)).Authentication(spf: "softfail", dkim: "{@agents.example : pass}");

        var sent = await _session.PostAsync(reply, mode);

        var toCustomer = Assert.Single(sent, r => r.To.Contains(AgentMailSession.Customer));
        Assert.Equal(AgentMailSession.Customer, Assert.Single(toCustomer.To));
        Assert.Equal("support@example.test", toCustomer.FromEmail);
        var text = toCustomer.Content("text/plain")!;
        Assert.Contains(Words, text, StringComparison.Ordinal);
        AssertNoNoticeText(text, notice);
        Assert.Null(toCustomer.MailHeader("Auto-Submitted"));
        Assert.DoesNotContain(sent, r => !r.To.Contains(AgentMailSession.Customer));

        var detail = await _session.DetailAsync(id);
        var outbound = Assert.Single(Messages(detail), m => (string?)m["direction"] == "outbound");
        Assert.Equal("alice", (string?)outbound["author"]);
        Assert.Equal(Words, (string?)outbound["text"]);
        Assert.DoesNotContain(Messages(detail), m => (bool)m["unverifiedSender"]!);
        Assert.Contains(Events(detail), e => (string?)e["kind"] == "agent-mail" && (string?)e["actor"] == "alice");
    }

    [Fact]
    public async Task PostReply_SpfPassWithEnvelopeInFromDomain_ActsWithoutDkim()
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write("gmail", Words, notice)).Authentication(spf: "pass", dkim: "none").EnvelopeFrom("bounces+alice@agents.example");

        var sent = await _session.PostAsync(reply, InboundMode.Parsed);

        Assert.Contains(Words, Assert.Single(sent, r => r.To.Contains(AgentMailSession.Customer)).Content("text/plain"), StringComparison.Ordinal);
        Assert.Single(Messages(await _session.DetailAsync(id)), m => (string?)m["direction"] == "outbound");
    }

    [Theory]
    [InlineData(InboundMode.Parsed)]
    [InlineData(InboundMode.Raw)]
    public async Task PostReply_NoteCommand_InternalNoteAndNoMail(InboundMode mode)
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write("gmail", "#note\nCalled the courier, parcel is in the depot.", notice));

        var sent = await _session.PostAsync(reply, mode);

        Assert.Empty(sent);
        var detail = await _session.DetailAsync(id);
        Assert.DoesNotContain(Messages(detail), m => (string?)m["direction"] == "outbound");
        var note = Assert.Single(Messages(detail), m => (string?)m["direction"] == "note");
        Assert.Equal("alice", (string?)note["author"]);
        Assert.Equal("Called the courier, parcel is in the depot.", (string?)note["text"]);
        Assert.False((bool)note["unverifiedSender"]!);
    }

    public static TheoryData<string, InboundMode> Refusals => new()
    {
        { "spf-fail", InboundMode.Parsed },
        { "spf-fail", InboundMode.Raw },
        { "dkim-for-another-domain", InboundMode.Parsed },
        { "another-from", InboundMode.Parsed },
        { "another-from", InboundMode.Raw },
        { "tampered-token", InboundMode.Parsed },
        { "tampered-token", InboundMode.Raw },
        { "json-carries-no-authentication", InboundMode.Json },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task PostReply_NotVerified_FlaggedNoteNoCustomerMailAndAgentTold(string refusal, InboundMode mode)
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write("gmail", Words, notice));
        _ = refusal switch
        {
            "spf-fail" => reply.Authentication(spf: "fail", dkim: null),
            "dkim-for-another-domain" => reply.Authentication(spf: "none", dkim: "{@mailer.example : pass}"),
            "another-from" => reply.From("Mallory <mallory@agents.example>").Authentication(spf: "pass", dkim: "{@agents.example : pass}"),
            "tampered-token" => reply.To(Tamper(notice.ReplyTo!)),
            _ => reply,
        };
        var before = (await _session.DetailAsync(id))["ticket"]!;

        var sent = await _session.PostAsync(reply, mode);

        Assert.DoesNotContain(sent, r => r.To.Contains(AgentMailSession.Customer));
        var told = Assert.Single(sent);
        Assert.Equal([AgentMailSession.AgentAddress], told.To);
        Assert.StartsWith($"[#{id}] Not acted on", told.Subject, StringComparison.Ordinal);
        var detail = await _session.DetailAsync(id);
        var flagged = Assert.Single(Messages(detail), m => (bool)m["unverifiedSender"]!);
        Assert.Equal("note", (string?)flagged["direction"]);
        Assert.Contains(Words, (string?)flagged["text"], StringComparison.Ordinal);
        Assert.DoesNotContain(Messages(detail), m => (string?)m["direction"] == "outbound");
        Assert.Contains(Events(detail), e => (string?)e["kind"] == TicketEventKinds.UnverifiedSender);
        Assert.Equal((string?)before["status"], (string?)detail["ticket"]!["status"]);
    }

    [Theory]
    [InlineData(InboundMode.Parsed)]
    [InlineData(InboundMode.Raw)]
    public async Task PostReply_AgentsOutOfOffice_RecordedAndNothingSent(InboundMode mode)
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var messages = Messages(await _session.DetailAsync(id)).Count;
        var reply = ReplyTo(notice, "I am out of the office until Monday 12 January with no access to email.")
            .Subject("Automatic reply: " + notice.Subject)
            .Header("Auto-Submitted", "auto-replied")
            .Header("X-Auto-Response-Suppress", "All");

        var sent = await _session.PostAsync(reply, mode);

        Assert.Empty(sent);
        var detail = await _session.DetailAsync(id);
        Assert.Equal(messages + 1, Messages(detail).Count);
        var recorded = Messages(detail)[^1];
        Assert.NotNull((string?)recorded["automatic"]);
        Assert.DoesNotContain(Messages(detail), m => (string?)m["direction"] == "outbound");
        Assert.Equal("open", (string?)detail["ticket"]!["status"]);
    }

    [Fact]
    public async Task PostReply_SolveWithText_ReplySentAndTicketSolved()
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write("apple", "#solve\nThe technician replaced the fuser; the printer is fine now.", notice));

        var sent = await _session.PostAsync(reply, InboundMode.Raw);

        var toCustomer = Assert.Single(sent, r => r.To.Contains(AgentMailSession.Customer));
        var text = toCustomer.Content("text/plain")!;
        Assert.Contains("The technician replaced the fuser; the printer is fine now.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#solve", text, StringComparison.Ordinal);
        AssertNoNoticeText(text, notice);
        Assert.Equal("solved", (string?)(await _session.DetailAsync(id))["ticket"]!["status"]);
    }

    [Fact]
    public async Task PostReply_UnknownCommand_NothingToCustomerAndAgentTold()
    {
        var (id, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, ClientReplies.Write("outlook", "#close\n" + Words, notice));

        var sent = await _session.PostAsync(reply, InboundMode.Parsed);

        Assert.DoesNotContain(sent, r => r.To.Contains(AgentMailSession.Customer));
        var told = Assert.Single(sent);
        Assert.Equal([AgentMailSession.AgentAddress], told.To);
        Assert.StartsWith($"[#{id}] Not acted on", told.Subject, StringComparison.Ordinal);
        Assert.Contains("'#close' is not a command", told.Content("text/plain"), StringComparison.Ordinal);
        var detail = await _session.DetailAsync(id);
        Assert.DoesNotContain(Messages(detail), m => (string?)m["direction"] == "outbound");
        Assert.Equal("open", (string?)detail["ticket"]!["status"]);
        Assert.Contains(Events(detail), e => (string?)e["kind"] == "agent-mail-not-acted-on");
    }

    [Fact]
    public async Task PostReply_TokenNamingNoTicket_KeptAsIntakeRecordNothingSent()
    {
        var (_, notice) = await _session.AssignedTicketAsync();
        var reply = ReplyTo(notice, Words).To(notice.ReplyTo!.Replace(notice.Subject![2..10], "00000000", StringComparison.Ordinal));

        var sent = await _session.PostAsync(reply, InboundMode.Parsed);

        Assert.Empty(sent);
        Assert.Contains(await _session.Host.GetIntakeRecordsAsync(), r => r.Subject?.Contains("Assigned to you", StringComparison.Ordinal) == true);
    }

    private static AgentMailBuilder ReplyTo(FakeSendGridRequest notice, string text) =>
        new AgentMailBuilder().To(notice.ReplyTo!).Subject("Re: " + notice.Subject).InReplyTo(notice.MailHeader("Message-ID")).Text(text);

    /// <summary>The reply address with one character of its signature changed.</summary>
    private static string Tamper(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var last = address[at - 1];
        return address[..(at - 1)] + (last == 'A' ? 'B' : 'A') + address[at..];
    }

    private static List<JsonNode> Messages(JsonNode detail) => [.. detail["messages"]!.AsArray().Select(m => m!)];

    private static List<JsonNode> Events(JsonNode detail) => [.. detail["events"]!.AsArray().Select(e => e!)];

    private static void AssertNoNoticeText(string text, FakeSendGridRequest notice)
    {
        Assert.DoesNotContain("Assigned to you", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reply to this email to answer the customer", text, StringComparison.Ordinal);
        Assert.DoesNotContain(notice.ReplyTo!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("State: open", text, StringComparison.Ordinal);
    }
}
