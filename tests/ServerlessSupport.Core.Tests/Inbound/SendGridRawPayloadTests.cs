using System.Text;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>SendGrid's raw mode: the whole message in the <c>email</c> field, read by MimeKit.</summary>
public class SendGridRawPayloadTests
{
    private const string Envelope = "{\"to\":[\"support@help.example\"],\"from\":\"bounces+1@customer.example\"}";

    static SendGridRawPayloadTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Parse_QuotedPrintableLatin1_DecodesHeadersAndBody()
    {
        var result = Parse(Latin1(
            "From: =?iso-8859-1?Q?J=FCrgen_M=FCller?= <juergen@customer.example>\r\n" +
            "To: \"Support, Help\" <support@help.example>, ann@customer.example\r\n" +
            "Subject: =?iso-8859-1?Q?Gr=FC=DFe_aus_M=FCnchen?=\r\n" +
            "Message-ID: <m1@customer.example>\r\n" +
            "In-Reply-To: <ack-1@help.example>\r\n" +
            "References: <orig@customer.example>\r\n <ack-1@help.example>\r\n" +
            "Date: Mon, 5 Jan 2026 10:00:00 +0100\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=iso-8859-1\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            "Der Drucker zeigt =DCberhitzung.=\r\n Bitte helfen.\r\n\r\n" +
            "Am 5. Jan. 2026 um 09:00 schrieb Support <support@help.example>:\r\n> alt\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        var email = result.Email;
        Assert.Equal("juergen@customer.example", email.From.Address);
        Assert.Equal("Jürgen Müller", email.From.DisplayName);
        Assert.Equal(["support@help.example", "ann@customer.example"], email.To.Select(a => a.Address));
        Assert.Equal("Grüße aus München", email.Subject);
        Assert.Equal("Der Drucker zeigt Überhitzung. Bitte helfen.", email.DisplayText);
        Assert.Equal("m1@customer.example", email.MessageId);
        Assert.Equal("ack-1@help.example", email.InReplyTo);
        Assert.Equal(["orig@customer.example", "ack-1@help.example"], email.References);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), email.Date);
        Assert.Equal("bounces+1@customer.example", email.EnvelopeFrom);
        Assert.Equal(0.1, email.SpamScore);
        Assert.Equal("pass", email.Spf);
    }

    [Theory]
    [InlineData("shift_jis", "8bit")]
    [InlineData("iso-2022-jp", "7bit")]
    [InlineData("utf-8", "base64")]
    public void Parse_JapaneseBody_DecodesCharsetAndTransferEncoding(string charset, string transfer)
    {
        var text = "パスワードを再設定してもログインできません。";
        var bytes = Encoding.GetEncoding(charset).GetBytes(text);
        var body = transfer == "base64" ? Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)) : bytes;
        var head = Encoding.ASCII.GetBytes($"From: taro@example.jp\r\nSubject: test\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n");

        var result = Parse([.. head, .. body]);

        Assert.Equal(text, result.Email!.Text.Trim());
    }

    [Fact]
    public void Parse_Attachments_KeepNamesTypesAndDecodedBytes()
    {
        var result = Parse(Ascii(
            "From: Frank <frank@customer.example>\r\nSubject: files\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
            "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nTwo files attached.\r\n" +
            "--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''Rechnung%20M;\r\n filename*1*=%C3%A4rz.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n" +
            "--b1\r\nContent-Type: text/plain; name=\"=?UTF-8?B?5pel5pys6KqeLnR4dA==?=\"\r\nContent-Disposition: attachment; filename=\"=?UTF-8?B?5pel5pys6KqeLnR4dA==?=\"\r\n\r\nlog line\r\n" +
            "--b1\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Disposition: attachment; filename=smime.p7s\r\n\r\nsig\r\n" +
            "--b1--\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("Two files attached.", result.Email.Text.Trim());
        Assert.Equal(["Rechnung März.pdf", "日本語.txt"], result.Email.Attachments.Select(a => a.FileName));
        Assert.Equal(["application/pdf", "text/plain"], result.Email.Attachments.Select(a => a.ContentType));
        Assert.Equal("%PDF-1.4"u8.ToArray(), result.AttachmentContents[0].ToArray());
        Assert.Equal(8, result.Email.Attachments[0].Length);
    }

    [Fact]
    public void Parse_HtmlWithInlineImage_KeepsHtmlAndTheImageByContentId()
    {
        var result = Parse(Ascii(
            "From: Anna <anna@customer.example>\r\nSubject: screenshot\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n" +
            "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the screenshot.\r\n" +
            "--alt\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=rel\r\n\r\n" +
            "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>See the <img src=\"cid:shot1@apple\"> screenshot.</p>\r\n" +
            "--rel\r\nContent-Type: image/png; name=shot.png\r\nContent-ID: <shot1@apple>\r\nContent-Disposition: inline; filename=shot.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
            "--rel--\r\n--alt--\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("See the screenshot.", result.Email.Text.Trim());
        Assert.Contains("cid:shot1@apple", result.Email.Html, StringComparison.Ordinal);
        var image = Assert.Single(result.Email.Attachments);
        Assert.Equal(("shot.png", "image/png", "shot1@apple"), (image.FileName, image.ContentType, image.ContentId));
    }

    [Fact]
    public void Parse_ForwardedMessageOnly_TakesItsTextAndKeepsItAsEml()
    {
        var result = Parse(Ascii(
            "From: Bob <bob@customer.example>\r\nSubject: Fwd: invoice\r\nContent-Type: message/rfc822\r\n\r\n" +
            "From: billing@vendor.example\r\nSubject: Your invoice\r\nContent-Type: text/plain\r\n\r\nInvoice 42 is due.\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains("Invoice 42 is due.", result.Email.Text, StringComparison.Ordinal);
        var eml = Assert.Single(result.Email.Attachments);
        Assert.Equal(("Your invoice.eml", "message/rfc822"), (eml.FileName, eml.ContentType));
        Assert.Contains("Invoice 42", Encoding.ASCII.GetString(result.AttachmentContents[0].Span), StringComparison.Ordinal);
    }

    // A complaint loop's forward has no body part at all (sisimai arf-23); a mail client writes one, if empty, and a
    // whole-body message/rfc822 is a message resent as it was.
    [Theory]
    [InlineData("multipart/mixed; boundary=\"b\"", "--b\r\nContent-Type: message/rfc822\r\n\r\n{0}\r\n--b--\r\n", true)]
    [InlineData("multipart/mixed; boundary=\"b\"", "--b\r\nContent-Type: text/plain\r\n\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n{0}\r\n--b--\r\n", false)]
    [InlineData("message/rfc822", "{0}", false)]
    [InlineData("multipart/mixed; boundary=\"b\"", "--b\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--b--\r\n", false)]
    public void Parse_ForwardOnly_OnlyForAMultipartWithoutBodyPart(string contentType, string body, bool expected)
    {
        const string Forwarded = "From: Neko <sironeko@example.com>\r\nSubject: Nyaan\r\nContent-Type: text/plain\r\n\r\nNyaan\r\n";
        var result = Parse(Ascii($"From: <staff@hotmail.com>\r\nSubject: complaint\r\nContent-Type: {contentType}\r\n\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, body, Forwarded)));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(expected, result.Email.ForwardOnly);
    }

    [Fact]
    public void Parse_WinmailDat_IsUnpackedIntoItsFiles()
    {
        var tnef = new TnefBuilder().Body("Body in winmail.dat").File("report.txt", "report data"u8.ToArray()).Build();
        var result = Parse(Ascii(
            "From: Olga <olga@customer.example>\r\nSubject: report\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n" +
            "--m\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\nReport attached.\r\n" +
            "--m\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Disposition: attachment; filename=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(tnef) + "\r\n--m--\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("Report attached.", result.Email.Text.Trim());
        Assert.Equal("report.txt", Assert.Single(result.Email.Attachments).FileName);
        Assert.Equal("report data"u8.ToArray(), result.AttachmentContents[0].ToArray());
    }

    [Fact]
    public void Parse_WinmailDatWithoutOuterText_GivesTheTnefBody()
    {
        var tnef = new TnefBuilder().Body("Only in winmail.dat").Build();
        var result = Parse(Ascii(
            "From: olga@customer.example\r\nSubject: x\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(tnef) + "\r\n"));

        Assert.Equal("Only in winmail.dat", result.Email!.Text.Trim());
    }

    [Fact]
    public void Parse_DeliveryStatusReport_IsABounceWithItsParts()
    {
        var result = Parse(Ascii(
            "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n" +
            "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n" +
            "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; nobody@gone.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n" +
            "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: support@help.example\r\nSubject: Hello\r\n\r\n" +
            "--r--\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(MailKind.Bounce, AutomaticMailClassifier.Classify(result.Email, "support@help.example").Kind);
        Assert.Equal(["message/delivery-status", "text/rfc822-headers"], result.Email.Attachments.Select(a => a.ContentType));
    }

    [Fact]
    public void Parse_BoundaryNeverUsed_KeepsTheTextAsSent()
    {
        var result = Parse(Ascii(
            "From: a@customer.example\r\nSubject: broken\r\nContent-Type: multipart/mixed; boundary=declared\r\n\r\n" +
            "--other\r\nContent-Type: text/plain\r\n\r\nThe words are still here.\r\n--other--\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains("The words are still here.", result.Email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EightBitHeaders_AreReadAsUtf8OrLatin1()
    {
        var utf8 = Parse([.. Encoding.UTF8.GetBytes("From: Zoë <zoe@customer.example>\r\nSubject: Café ☕\r\n\r\nhi\r\n")]);
        var latin1 = Parse(Latin1("From: Zo\u00eb <zoe@customer.example>\r\nSubject: Caf\u00e9\r\n\r\nhi\r\n"));

        Assert.Equal(("Zoë", "Café ☕"), (utf8.Email!.From.DisplayName, utf8.Email.Subject));
        Assert.Equal(("Zoë", "Café"), (latin1.Email!.From.DisplayName, latin1.Email.Subject));
    }

    [Theory]
    [InlineData("Subject: nobody wrote this\r\n\r\nbody\r\n", "From")]
    [InlineData("", "empty")]
    public void Parse_UnreadableMessage_FailsWithReason(string message, string reasonPart)
    {
        var result = Parse(Ascii(message));

        Assert.False(result.Succeeded);
        Assert.Contains(reasonPart, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyParts_Fails()
    {
        var parts = string.Concat(Enumerable.Range(0, MimeBody.MaxEntities).Select(i => $"--p\r\nContent-Type: text/plain\r\n\r\n{i}\r\n"));
        var result = Parse(Ascii($"From: a@customer.example\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n{parts}--p--\r\n"));

        Assert.False(result.Succeeded);
        Assert.Contains("MIME parts", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_IsBoundedAndStillReadable()
    {
        var depth = 2000;
        var open = string.Concat(Enumerable.Range(0, depth).Select(i => $"Content-Type: multipart/mixed; boundary=d{i}\r\n\r\n--d{i}\r\n"));
        var result = Parse(Ascii($"From: a@customer.example\r\n{open}Content-Type: text/plain\r\n\r\ndeep\r\n"));

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public void Parse_SameMailInParsedMode_GivesTheSameEmail()
    {
        var raw = Ascii(
            "From: \"Doe, Jane\" <jane@customer.example>\r\nTo: support@help.example\r\nSubject: Printer\r\nMessage-ID: <same@customer.example>\r\n" +
            "Content-Type: multipart/mixed; boundary=s\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\nIt jams.\r\n" +
            "--s\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=log.txt\r\n\r\nE-52\r\n--s--\r\n");
        var parsed = new MultipartBuilder()
            .Field("headers", "From: \"Doe, Jane\" <jane@customer.example>\r\nTo: support@help.example\r\nSubject: Printer\r\nMessage-ID: <same@customer.example>\r\n")
            .Field("from", "\"Doe, Jane\" <jane@customer.example>")
            .Field("to", "support@help.example")
            .Field("subject", "Printer")
            .Field("text", "It jams.\r\n")
            .Field("attachments", "1")
            .File("attachment1", "log.txt", "text/plain", "E-52"u8.ToArray());

        var fromRaw = Parse(raw).Email!;
        var fromParsed = InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, parsed.Build(), parsed.ContentType).Email!;

        Assert.Equal((fromParsed.From, fromParsed.From.DisplayName, fromParsed.Subject, fromParsed.MessageId), (fromRaw.From, fromRaw.From.DisplayName, fromRaw.Subject, fromRaw.MessageId));
        Assert.Equal(fromParsed.DisplayText, fromRaw.DisplayText);
        Assert.Equal(fromParsed.Attachments.Select(a => (a.FileName, a.ContentType, a.Length)), fromRaw.Attachments.Select(a => (a.FileName, a.ContentType, a.Length)));
    }

    private static InboundParseResult Parse(byte[] message)
    {
        var builder = new MultipartBuilder()
            .Field("dkim", "none")
            .Field("email", message)
            .Field("to", "support@help.example")
            .Field("envelope", Envelope)
            .Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\"}")
            .Field("SPF", "pass")
            .Field("spam_score", "0.1");
        return InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, builder.Build(), builder.ContentType);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
