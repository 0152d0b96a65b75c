using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class AutomaticMailClassifierTests
{
    private const string Support = "support@help.example";

    private static MailClassification Classify(InboundEmailBuilder builder) => AutomaticMailClassifier.Classify(builder.Build(), Support);

    [Fact]
    public void Classify_HumanReply_IsHuman()
    {
        var result = Classify(new InboundEmailBuilder().Subject("Re: [#K7M2QX9P] Printer on fire").Header("In-Reply-To", "<ack@help.example>").Header("Auto-Submitted", "no").Header("X-Auto-Response-Suppress", "None"));

        Assert.Equal(MailKind.Human, result.Kind);
        Assert.False(result.IsAutomatic);
        Assert.True(result.MayAutoReply);
    }

    [Theory]
    [InlineData("All")]
    [InlineData("OOF, DR, RN, NRN")]
    public void Classify_PersonAskingForNoAutoReplies_IsHumanNotToBeAnswered(string value)
    {
        var result = Classify(new InboundEmailBuilder().Header("X-Auto-Response-Suppress", value));

        Assert.Equal(MailKind.Human, result.Kind);
        Assert.True(result.SuppressAutoReply);
        Assert.False(result.MayAutoReply);
        Assert.Contains("X-Auto-Response-Suppress", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SuppressPlusEmptyReturnPath_IsStillAutomatic()
    {
        var result = Classify(new InboundEmailBuilder().Header("X-Auto-Response-Suppress", "All").Header("Return-Path", "<>"));

        Assert.Equal(MailKind.Bounce, result.Kind);
        Assert.False(result.SuppressAutoReply);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", nameof(MailKind.AutoReply))]
    [InlineData("Auto-Submitted", "auto-replied (vacation)", nameof(MailKind.AutoReply))]
    [InlineData("Auto-Submitted", "Auto-Generated", nameof(MailKind.Bulk))]
    [InlineData("Auto-Submitted", "auto-notified; owner-email=a@b.c", nameof(MailKind.Bulk))]
    [InlineData("X-Autoreply", "yes", nameof(MailKind.AutoReply))]
    [InlineData("X-Autorespond", "1", nameof(MailKind.AutoReply))]
    [InlineData("X-Autoresponder", "true", nameof(MailKind.AutoReply))]
    [InlineData("Precedence", "auto_reply", nameof(MailKind.AutoReply))]
    [InlineData("Precedence", "bulk", nameof(MailKind.Bulk))]
    [InlineData("Precedence", "junk", nameof(MailKind.Bulk))]
    [InlineData("Precedence", "list", nameof(MailKind.MailingList))]
    [InlineData("List-Id", "<news.vendor.example>", nameof(MailKind.MailingList))]
    [InlineData("List-Unsubscribe", "<mailto:unsub@vendor.example>", nameof(MailKind.MailingList))]
    [InlineData("X-Mailman-Version", "2.1.39", nameof(MailKind.MailingList))]
    [InlineData("Mailing-List", "contact ppp-help@zzz.org; run by ezmlm", nameof(MailKind.MailingList))]
    [InlineData("Sender", "owner-ppp@zzz.org", nameof(MailKind.MailingList))]
    [InlineData("Sender", "ppp-bounces@zzz.org", nameof(MailKind.MailingList))]
    [InlineData("Return-Path", "<>", nameof(MailKind.Bounce))]
    [InlineData("Content-Type", "multipart/report; report-type=delivery-status; boundary=\"x\"", nameof(MailKind.Bounce))]
    [InlineData("Content-Type", "multipart/report; report-type=\"disposition-notification\"", nameof(MailKind.AutoReply))]
    public void Classify_HeaderSignal_GivesKind(string name, string value, string expected)
    {
        var result = Classify(new InboundEmailBuilder().Header(name, value));

        Assert.Equal(expected, result.Kind.ToString());
        Assert.True(result.IsAutomatic);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [InlineData("ppp-request@zzz.org")]
    [InlineData("Digest <owner-ppp@zzz.org>")]
    public void Classify_ListRoleFrom_IsMailingList(string from)
        => Assert.Equal(MailKind.MailingList, Classify(new InboundEmailBuilder().From(from)).Kind);

    [Theory]
    [InlineData("X-Autoreply", "no")]
    [InlineData("Sender", "jane.owner@customer.example")]
    [InlineData("Auto-Submitted", "no")]
    [InlineData("Precedence", "first-class")]
    [InlineData("Return-Path", "<jane@customer.example>")]
    public void Classify_NegativeOrNeutralValue_IsHuman(string name, string value)
        => Assert.Equal(MailKind.Human, Classify(new InboundEmailBuilder().Header(name, value)).Kind);

    [Theory]
    [InlineData("MAILER-DAEMON@mx.customer.example")]
    [InlineData("Mail Delivery System <mailer-daemon@googlemail.com>")]
    [InlineData("postmaster@customer.example")]
    public void Classify_DaemonSender_IsBounce(string from)
        => Assert.Equal(MailKind.Bounce, Classify(new InboundEmailBuilder().From(from)).Kind);

    [Theory]
    [InlineData("support@help.example")]
    [InlineData("Help Desk <SUPPORT@Help.Example>")]
    [InlineData("support+K7M2QX9P@help.example")]
    public void Classify_OwnAddress_IsOwnMail(string from)
        => Assert.Equal(MailKind.OwnMail, Classify(new InboundEmailBuilder().From(from).Header("Auto-Submitted", "auto-replied")).Kind);

    [Fact]
    public void Classify_OwnMailWinsOverBounceSignals()
        => Assert.Equal(MailKind.OwnMail, Classify(new InboundEmailBuilder().From(Support).Header("Return-Path", "<>").Header("Content-Type", "multipart/report; report-type=delivery-status")).Kind);

    [Fact]
    public void Classify_DeliveryReportWinsOverAutoSubmitted()
        => Assert.Equal(MailKind.Bounce, Classify(new InboundEmailBuilder().From("MAILER-DAEMON@mx.example").Header("Auto-Submitted", "auto-replied")).Kind);

    [Fact]
    public void Classify_AutoReplyWithNullReturnPath_IsAutoReply()
        => Assert.Equal(MailKind.AutoReply, Classify(new InboundEmailBuilder().Header("Auto-Submitted", "auto-replied").Header("Return-Path", "<>")).Kind);

    [Fact]
    public void Classify_EmptyEnvelopeFrom_IsBounce()
        => Assert.Equal(MailKind.Bounce, Classify(new InboundEmailBuilder().EnvelopeFrom(string.Empty)).Kind);

    [Fact]
    public void Classify_UnknownEnvelope_IsNotABounce()
        => Assert.Equal(MailKind.Human, Classify(new InboundEmailBuilder().EnvelopeFrom(null)).Kind);

    [Fact]
    public void Classify_ExchangeOutOfOffice_IsAutoReply()
    {
        var result = Classify(new InboundEmailBuilder()
            .Subject("Automatic reply: [#K7M2QX9P] Re: Printer on fire")
            .Header("X-Auto-Response-Suppress", "All")
            .Header("X-MS-Exchange-Inbox-Rules-Loop", "jane@customer.example"));

        Assert.Equal(MailKind.AutoReply, result.Kind);
    }

    [Theory]
    [InlineData("Automatic reply: Printer", nameof(MailKind.AutoReply))]
    [InlineData("Out of Office: Printer", nameof(MailKind.AutoReply))]
    [InlineData("Abwesenheitsnotiz: Drucker", nameof(MailKind.AutoReply))]
    [InlineData("Undeliverable: Printer", nameof(MailKind.Bounce))]
    [InlineData("Delivery Status Notification (Failure)", nameof(MailKind.Bounce))]
    [InlineData("Undelivered Mail Returned to Sender", nameof(MailKind.Bounce))]
    [InlineData("Out of office question about my order", nameof(MailKind.Human))]
    [InlineData("Re: Automatic reply settings do not work", nameof(MailKind.Human))]
    public void Classify_SubjectOnly_IsSecondarySignal(string subject, string expected)
        => Assert.Equal(expected, Classify(new InboundEmailBuilder().Subject(subject)).Kind.ToString());

    // RFC 6522 reports other than bounces and read receipts: RFC 5965 feedback reports (abuse desks, complaint loops,
    // DMARC failure reports), RFC 8460 TLS reports, and a report-type nobody registered.
    [Theory]
    [InlineData("multipart/report; report-type=feedback-report; boundary=\"x\"", "report-type=feedback-report")]
    [InlineData("multipart/report; report-type=\"tlsrpt\"; boundary=\"x\"", "report-type=tlsrpt")]
    [InlineData("multipart/report; boundary=\"x\"", "multipart/report")]
    public void Classify_AnyMultipartReport_IsReport(string contentType, string reason)
    {
        var result = Classify(new InboundEmailBuilder().Header("Content-Type", contentType));

        Assert.Equal(MailKind.Report, result.Kind);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    // The report's machine part in a multipart/mixed: McAfee's gateway bounces this way (sisimai lhost-mcafee-01).
    [Theory]
    [InlineData("message/delivery-status", nameof(MailKind.Bounce))]
    [InlineData("message/global-delivery-status", nameof(MailKind.Bounce))]
    [InlineData("message/disposition-notification", nameof(MailKind.AutoReply))]
    [InlineData("message/feedback-report", nameof(MailKind.Report))]
    public void Classify_ReportPartInMixed_IsAutomatic(string partType, string expected)
    {
        var result = Classify(new InboundEmailBuilder().From("Gateway <gateway@mx.customer.example>").Header("Content-Type", "multipart/mixed; boundary=\"x\"").Attachment(partType));

        Assert.Equal(expected, result.Kind.ToString());
        Assert.Contains(partType, result.Reason, StringComparison.Ordinal);
    }

    // RFC 7489 §7.2.1.1: the aggregate report's subject and file name (Google's reports: noreply-dmarc-support@google.com).
    [Fact]
    public void Classify_DmarcAggregateSubject_IsReport()
        => Assert.Equal(MailKind.Report, Classify(new InboundEmailBuilder().From("dmarc-reports@receiver.example").Subject("Report Domain: help.example Submitter: receiver.example Report-ID: <2026.01.08.1>")).Kind);

    [Fact]
    public void Classify_DmarcAggregateFile_IsReport()
        => Assert.Equal(MailKind.Report, Classify(new InboundEmailBuilder().From("reports@receiver.example").Subject("Aggregate report").Attachment("application/gzip", "receiver.example!help.example!1767830400!1767916799.xml.gz")).Kind);

    [Fact]
    public void Classify_TlsReportHeader_IsReport()
        => Assert.Equal(MailKind.Report, Classify(new InboundEmailBuilder().Header("TLS-Report-Domain", "help.example").Header("TLS-Report-Submitter", "receiver.example")).Kind);

    // A person's mail that merely attaches an XML file or talks about reports is not one.
    [Fact]
    public void Classify_PersonAttachingXml_IsHuman()
        => Assert.Equal(MailKind.Human, Classify(new InboundEmailBuilder().Subject("Report domain settings question").Attachment("application/xml", "export.xml").Attachment("message/rfc822", "fwd.eml")).Kind);

    [Theory]
    [InlineData("post_master@vtext.example.com")]
    [InlineData("Mail Delivery System <Mail.Delivery.System@mx44.example.com>")]
    [InlineData("mailer_daemon@mx.example")]
    [InlineData("MailerDaemon@mx.example")]
    public void Classify_MailSystemSpelling_IsBounce(string from)
        => Assert.Equal(MailKind.Bounce, Classify(new InboundEmailBuilder().From(from)).Kind);

    [Theory]
    [InlineData("AWS Notifications <no-reply@sns.amazonaws.com>")]
    [InlineData("noreply@shop.example")]
    [InlineData("do-not-reply@carrier.example")]
    [InlineData("DoNotReply@bank.example")]
    [InlineData("no_reply@portal.example")]
    [InlineData("noreply-dmarc-support@google.example")]
    [InlineData("neko-admin@example.co.jp")]
    public void Classify_ProbableRobotSender_OpensTicketWithoutAnswer(string from)
    {
        var result = Classify(new InboundEmailBuilder().From(from));

        Assert.Equal(MailKind.Human, result.Kind);
        Assert.True(result.ProbablyAutomatic);
        Assert.False(result.MayAutoReply);
        Assert.StartsWith("probably automatic: ", result.Reason, StringComparison.Ordinal);
    }

    // Addresses that contain the words but are people's: the rules match whole words and role suffixes only.
    [Theory]
    [InlineData("juno.reply@customer.example")]
    [InlineData("snoreply@customer.example")]
    [InlineData("admin@customer.example")]
    [InlineData("jane.owner@customer.example")]
    [InlineData("postmaster.general@customer.example")]
    [InlineData("Platform Team <platform-team@customer.example>")]
    public void Classify_PersonWithRoleLikeAddress_IsAnswered(string from)
        => Assert.True(Classify(new InboundEmailBuilder().From(from)).MayAutoReply);

    [Fact]
    public void Classify_NoReplyReplyToOnly_IsAnswered()
        => Assert.True(Classify(new InboundEmailBuilder().Header("Reply-To", "Bakery Orders <noreply@bakery.example>")).MayAutoReply);

    [Fact]
    public void Classify_ForwardOnly_OpensTicketWithoutAnswer()
    {
        var result = Classify(new InboundEmailBuilder().From("<staff@hotmail.com>").Subject("complaint about message from 192.0.2.222").Attachment("message/rfc822").ForwardOnly());

        Assert.True(result.ProbablyAutomatic);
        Assert.Contains("forwarded message", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ProbableWithCertainSignal_IsAutomatic()
        => Assert.Equal(MailKind.Report, Classify(new InboundEmailBuilder().From("dmarc-noreply@example.com").Header("Content-Type", "multipart/report; report-type=feedback-report")).Kind);
}
