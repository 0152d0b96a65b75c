using System.Text;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class JsonInboundPayloadTests
{
    private static InboundParseResult Parse(string json) => JsonInboundPayload.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_FullDocument_MapsEveryField()
    {
        var result = Parse("""
            {
              "from": "Jane Doe <jane@customer.example>",
              "to": ["support@help.example"],
              "cc": "\"Doe, John\" <john@customer.example>, ann@customer.example",
              "subject": "=?utf-8?Q?Gr=C3=BC=C3=9Fe?= [#K7M2QX9P]",
              "text": "Thanks!\r\n\r\n-- Reply above this line --\r\nold",
              "messageId": "m2@customer.example",
              "inReplyTo": "<ack@help.example>",
              "references": ["<a@x>", "<ack@help.example>"],
              "date": "2026-01-05T10:00:00+01:00",
              "headers": { "Auto-Submitted": "no", "X-Custom": "1" },
              "rawHeaders": "Received: from x\r\n by y\r\nX-Mailer: test\r\n",
              "envelope": { "from": "jane@customer.example", "to": "support@help.example" },
              "attachments": [{ "fileName": "a.txt", "contentType": "text/plain; charset=utf-8", "contentBase64": "aGVsbG8=", "contentId": "<c1@x>" }],
            }
            """);

        Assert.True(result.Succeeded, result.FailureReason);
        var email = result.Email;
        Assert.Equal("jane@customer.example", email.From.Address);
        Assert.Equal(["john@customer.example", "ann@customer.example"], email.Cc.Select(a => a.Address));
        Assert.Equal("Grüße [#K7M2QX9P]", email.Subject);
        Assert.Equal("Thanks!", email.DisplayText);
        Assert.Equal("m2@customer.example", email.MessageId);
        Assert.Equal("ack@help.example", email.InReplyTo);
        Assert.Equal(["a@x", "ack@help.example"], email.References);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), email.Date);
        Assert.Equal("from x by y", email.Headers["Received"]);
        Assert.Equal("no", email.Headers["auto-submitted"]);
        Assert.Equal(["support@help.example"], email.EnvelopeTo);
        Assert.Equal(new InboundAttachment("attachment1", "a.txt", "text/plain", 5, "c1@x"), Assert.Single(email.Attachments));
        Assert.Equal("hello"u8.ToArray(), result.AttachmentContents[0].ToArray());
    }

    [Fact]
    public void Parse_MinimalDocument_Succeeds()
    {
        var result = Parse("{\"FROM\":\"a@b.example\"}");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Email.To);
        Assert.Null(result.Email.MessageId);
    }

    [Theory]
    [InlineData("{\"subject\":\"no sender\"}", "From")]
    [InlineData("{\"from\":\"not an address\"}", "From")]
    [InlineData("{\"from\":", "invalid JSON")]
    [InlineData("null", "invalid JSON")]
    [InlineData("{\"from\":\"a@b.example\",\"to\":42}", "invalid JSON")]
    [InlineData("{\"from\":\"a@b.example\",\"attachments\":[{\"contentBase64\":\"***\"}]}", "base64")]
    public void Parse_BadDocument_FailsWithReason(string json, string reasonPart)
    {
        var result = Parse(json);

        Assert.False(result.Succeeded);
        Assert.Contains(reasonPart, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExplicitFieldsWinOverHeaders()
    {
        var result = Parse("{\"from\":\"a@b.example\",\"messageId\":\"<field@x>\",\"headers\":{\"Message-ID\":\"<header@x>\",\"Subject\":\"from header\"}}");

        Assert.Equal("field@x", result.Email!.MessageId);
        Assert.Equal("from header", result.Email.Subject);
    }

    [Fact]
    public void Parse_HeaderValueWithLineBreaks_StaysOneField()
    {
        var result = Parse("{\"from\":\"a@b.example\",\"headers\":{\"X-Note\":\"one\\r\\nAuto-Submitted: auto-replied\",\"Bad Name\":\"x\"}}");

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Null(result.Email.Headers["Auto-Submitted"]);
        Assert.Equal("one Auto-Submitted: auto-replied", result.Email.Headers["X-Note"]);
        Assert.DoesNotContain(result.Email.Headers, h => h.Field == "Bad Name");
    }
}
