using System.Text;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Tests.Inbound;

public class SendGridParsedPayloadTests
{
    static SendGridParsedPayloadTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Headers =
        "Received: by mx.sendgrid.net with SMTP id abc\r\n" +
        "From: Jane Doe <jane@customer.example>\r\n" +
        "To: support@help.example\r\n" +
        "Subject: =?iso-8859-1?Q?Caf=E9?=\r\n" +
        "Message-ID: <m1@customer.example>\r\n" +
        "In-Reply-To: <ack-1@help.example>\r\n" +
        "References: <orig@customer.example>\r\n <ack-1@help.example>\r\n" +
        "Date: Mon, 5 Jan 2026 10:00:00 +0100\r\n" +
        "Reply-To: jane.private@customer.example\r\n";

    [Fact]
    public void Parse_FullPayloadWithCharsets_DecodesEachField()
    {
        var latin1 = Encoding.Latin1;
        var cp1252 = Encoding.GetEncoding("windows-1252");
        var builder = new MultipartBuilder()
            .Field("headers", Headers)
            .Field("from", "Jane Doe <jane@customer.example>")
            .Field("to", "support@help.example, \"Doe, John\" <john@customer.example>")
            .Field("cc", "")
            .Field("subject", latin1.GetBytes("Café crème"))
            .Field("text", cp1252.GetBytes("Price: 5 € – “soon”\r\n\r\nOn Mon, 5 Jan 2026 at 09:00, Support <support@help.example> wrote:\r\n> old text"))
            .Field("envelope", "{\"to\":[\"support@help.example\"],\"from\":\"bounces+1@customer.example\"}")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"iso-8859-1\",\"text\":\"windows-1252\",\"from\":\"UTF-8\",\"cc\":\"UTF-8\"}")
            .Field("SPF", "pass")
            .Field("dkim", "{@customer.example : pass}")
            .Field("spam_score", "0.012");

        var result = Parse(builder);

        Assert.True(result.Succeeded, result.FailureReason);
        var email = result.Email;
        Assert.Equal("jane@customer.example", email.From.Address);
        Assert.Equal("Jane Doe", email.From.DisplayName);
        Assert.Equal(["support@help.example", "john@customer.example"], email.To.Select(a => a.Address));
        Assert.Empty(email.Cc);
        Assert.Equal("Café crème", email.Subject);
        Assert.StartsWith("Price: 5 € – “soon”", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', email.Text);
        Assert.Equal("Price: 5 € – “soon”", email.DisplayText);
        Assert.Equal("m1@customer.example", email.MessageId);
        Assert.Equal("ack-1@help.example", email.InReplyTo);
        Assert.Equal(["orig@customer.example", "ack-1@help.example"], email.References);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), email.Date);
        Assert.Equal("jane.private@customer.example", email.ReplyTo?.Address);
        Assert.Equal("bounces+1@customer.example", email.EnvelopeFrom);
        Assert.Equal(["support@help.example"], email.EnvelopeTo);
        Assert.Equal(0.012, email.SpamScore);
        Assert.Equal("pass", email.Spf);
        Assert.Equal("{@customer.example : pass}", email.Dkim);
        Assert.Equal("Mon, 5 Jan 2026 10:00:00 +0100", email.Headers["date"]);
        Assert.Empty(email.Attachments);
    }

    [Fact]
    public void Parse_NoFormFields_FallsBackToHeaders()
    {
        var builder = new MultipartBuilder().Field("headers", Headers).Field("text", "Hi");

        var result = Parse(builder);

        Assert.True(result.Succeeded);
        Assert.Equal("jane@customer.example", result.Email.From.Address);
        Assert.Equal("Café", result.Email.Subject);
        Assert.Equal(["support@help.example"], result.Email.To.Select(a => a.Address));
    }

    [Fact]
    public void Parse_AttachmentsWithInfo_UseInfoMetadataAndKeepBytes()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF };
        var builder = new MultipartBuilder()
            .Field("headers", Headers)
            .Field("text", "See attached")
            .Field("attachments", "2")
            .Field("attachment-info", "{\"attachment1\":{\"filename\":\"photo.png\",\"name\":\"photo.png\",\"type\":\"image/png\",\"content-id\":\"ii_139db99fdb5c3704\"},\"attachment2\":{\"filename\":\"../../etc/passwd\",\"type\":\"text/plain\"}}")
            .Field("content-ids", "{\"ii_139db99fdb5c3704\":\"attachment1\"}")
            .File("attachment1", "photo.png", "image/png", png)
            .File("attachment2", "passwd", "text/plain", "root:x"u8.ToArray());

        var result = Parse(builder);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, result.Email.Attachments.Count);
        Assert.Equal(new InboundAttachment("attachment1", "photo.png", "image/png", png.Length, "ii_139db99fdb5c3704"), result.Email.Attachments[0]);
        Assert.Equal(png, result.AttachmentContents[0].ToArray());
        Assert.Equal("passwd", result.Email.Attachments[1].FileName);
        Assert.Equal("root:x"u8.ToArray(), result.AttachmentContents[1].ToArray());
    }

    [Fact]
    public void Parse_HtmlOnly_DerivesText()
    {
        var builder = new MultipartBuilder()
            .Field("from", "a@b.example")
            .Field("html", "<html><head><style>p{color:red}</style></head><body><p>Hello <b>there</b></p><script>alert(1)</script><p>Line two</p></body></html>");

        var result = Parse(builder);

        Assert.True(result.Succeeded);
        Assert.Equal("Hello there\n\nLine two", result.Email.Text);
        Assert.NotNull(result.Email.Html);
    }

    [Fact]
    public void Parse_MissingFrom_Fails()
    {
        var builder = new MultipartBuilder().Field("subject", "hi").Field("text", "body");

        var result = Parse(builder);

        Assert.False(result.Succeeded);
        Assert.Contains("From", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingSubjectAndText_Succeeds()
    {
        var builder = new MultipartBuilder().Field("from", "a@b.example");

        var result = Parse(builder);

        Assert.True(result.Succeeded);
        Assert.Equal(string.Empty, result.Email.Subject);
        Assert.Equal(string.Empty, result.Email.Text);
    }

    [Fact]
    public void Parse_BrokenJsonSideFields_AreIgnored()
    {
        var builder = new MultipartBuilder()
            .Field("from", "a@b.example")
            .Field("charsets", "{not json")
            .Field("envelope", "[1,2")
            .Field("text", "ok");

        var result = Parse(builder);

        Assert.True(result.Succeeded);
        Assert.Equal("ok", result.Email.Text);
        Assert.Null(result.Email.EnvelopeFrom);
    }

    [Fact]
    public void Parse_UnknownCharset_FallsBackToUtf8()
    {
        var builder = new MultipartBuilder()
            .Field("from", "a@b.example")
            .Field("subject", "Grüße")
            .Field("charsets", "{\"subject\":\"x-made-up\"}");

        var result = Parse(builder);

        Assert.Equal("Grüße", result.Email!.Subject);
    }

    [Fact]
    public void Parse_GarbageMultipart_Fails()
    {
        var result = InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, "this is not multipart at all"u8.ToArray(), "multipart/form-data; boundary=xYzZY");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Parse_SubjectWithLineBreaks_IsOneLine()
    {
        var builder = new MultipartBuilder().Field("from", "a@b.example").Field("subject", "Hello\r\nBcc: victim@x.example");

        var result = Parse(builder);

        Assert.Equal("Hello Bcc: victim@x.example", result.Email!.Subject);
    }

    [Fact]
    public void Parse_FormWithoutClosingBoundary_FailsAsTruncated()
    {
        var builder = new MultipartBuilder().Field("from", "a@b.example").Field("text", "cut off here");

        var result = InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, builder.Build(close: false), builder.ContentType);

        Assert.False(result.Succeeded);
        Assert.Contains("truncated", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyParts_Fails()
    {
        var builder = new MultipartBuilder().Field("from", "a@b.example");
        for (var i = 0; i < SendGridForm.MaxParts; i++)
        {
            builder.Field("x" + i, "v");
        }

        var result = Parse(builder);

        Assert.False(result.Succeeded);
        Assert.Contains("parts", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AttachmentNamesEncodedInTheForm_AreDecoded()
    {
        var builder = new MultipartBuilder()
            .Field("from", "a@b.example")
            .File("attachment1", "=?UTF-8?B?UmVjaG51bmcgTcOkcnoucGRm?=", "application/pdf", "%PDF"u8.ToArray());

        var result = Parse(builder);

        Assert.Equal("Rechnung März.pdf", Assert.Single(result.Email!.Attachments).FileName);
    }

    private static InboundParseResult Parse(MultipartBuilder builder)
        => InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, builder.Build(), builder.ContentType);
}
