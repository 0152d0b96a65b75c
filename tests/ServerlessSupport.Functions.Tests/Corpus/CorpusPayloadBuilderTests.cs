using System.Text;
using System.Text.Json.Nodes;
using MimeKit;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Functions.Tests.Corpus;

public sealed class CorpusPayloadBuilderTests
{
    [Fact]
    public void Build_SendGridCase_PostsFieldsAsFormDataPartsInOrder()
    {
        var c = new CorpusCaseBuilder().WithField("headers", "From: a@example.com\nSubject: Hi\n").WithField("from", "a@example.com").WithField("text", "Hello").Build();

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);

        Assert.Equal("multipart/form-data; boundary=xYzZY", payload.ContentType);
        var parts = Parts(payload);
        Assert.Equal(new[] { "headers", "from", "text" }, parts.Select(p => p.Name));
        Assert.All(parts, p => Assert.Null(p.FileName));
        Assert.All(parts, p => Assert.Null(p.ContentType));
        Assert.Equal("Hello", Encoding.UTF8.GetString(parts[2].Content));
        Assert.EndsWith("--xYzZY--\r\n", Encoding.ASCII.GetString(payload.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Files_BecomePartsWithFileNameAndContentType()
    {
        var c = new CorpusCaseBuilder()
            .WithField("from", "a@example.com")
            .WithFile("attachment1", "log.txt", "text/plain", text: "line one\n")
            .WithFile("attachment2", "one.png", "image/png", base64: "iVBORw0KGgo=")
            .Build();

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);

        var parts = Parts(payload);
        var log = Assert.Single(parts, p => p.Name == "attachment1");
        Assert.Equal("log.txt", log.FileName);
        Assert.Equal("text/plain", log.ContentType);
        Assert.Equal("line one\n", Encoding.UTF8.GetString(log.Content));
        var png = Assert.Single(parts, p => p.Name == "attachment2");
        Assert.Equal("one.png", png.FileName);
        Assert.Equal("image/png", png.ContentType);
        Assert.Equal(Convert.FromBase64String("iVBORw0KGgo="), png.Content);
    }

    [Theory]
    [InlineData("windows-1252", "120 €", new byte[] { 0x31, 0x32, 0x30, 0x20, 0x80 })]
    [InlineData("iso-8859-1", "à", new byte[] { 0xE0 })]
    [InlineData("shift_jis", "請", new byte[] { 0x90, 0xBF })]
    [InlineData("iso-2022-jp", "ロ", new byte[] { 0x1B, 0x24, 0x42, 0x25, 0x6D, 0x1B, 0x28, 0x42 })]
    public void Build_FieldEncoding_WritesTheFieldInThatCharset(string charset, string text, byte[] expected)
    {
        var c = new CorpusCaseBuilder().WithField("from", "a@example.com").WithField("text", text, charset).Build();

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);

        var parts = Parts(payload);
        Assert.Equal(expected, parts.Single(p => p.Name == "text").Content);
    }

    [Fact]
    public void Build_EncodedFieldWithCharsets_ParsesBackToTheSameText()
    {
        var c = new CorpusCaseBuilder()
            .WithField("from", "a@example.com")
            .WithField("subject", "Problème à résoudre", "iso-8859-1")
            .WithField("charsets", "{\"subject\":\"iso-8859-1\"}")
            .Build();

        var parsed = InboundPayloads.Parse(InboundQueueMessage.SendGridFormat, CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve).Body, CorpusPayloadBuilder.MultipartContentType);

        Assert.True(parsed.Succeeded, parsed.FailureReason);
        Assert.Equal("Problème à résoudre", parsed.Email!.Subject);
    }

    [Fact]
    public void Build_Placeholders_AreResolvedInFieldsFilesAndJson()
    {
        var sendGrid = new CorpusCaseBuilder().WithField("to", "{{plus:01-a}}").WithFile("attachment1", "a.txt", "text/plain", text: "ticket {{ticket:01-a}}").Build();
        var json = new CorpusCaseBuilder().AsJson(new JsonObject { ["to"] = new JsonArray("{{support}}"), ["inReplyTo"] = "{{ackMessageId:01-a}}" }).Build();

        var form = Encoding.UTF8.GetString(CorpusPayloadBuilder.Build(sendGrid, CorpusFakeValues.Resolve).Body);
        var body = Encoding.UTF8.GetString(CorpusPayloadBuilder.Build(json, CorpusFakeValues.Resolve).Body);

        Assert.Contains("support+K7M2QX9P@example.test", form, StringComparison.Ordinal);
        Assert.Contains("ticket K7M2QX9P", form, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", form, StringComparison.Ordinal);
        Assert.Contains("\"to\":[\"support@example.test\"]", body, StringComparison.Ordinal);
        Assert.Contains("T.K7M2QX9P.1.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Oversize_GeneratesExactlyThatManyBytesOfValidMultipart()
    {
        var c = new CorpusCaseBuilder().WithOversize(70_000).Build();

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);

        Assert.Equal(70_000, payload.Body.Length);
        var parts = Parts(payload);
        Assert.Equal(new[] { "from", "text" }, parts.Select(p => p.Name));
    }

    [Fact]
    public void Build_RawBodyBase64AndContentType_AreSentExactly()
    {
        var c = new CorpusCaseBuilder().WithRawBase64("AAEC/w==", "text/plain; charset=bogus").WithAuth("none").Build();

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);
        using var content = payload.CreateContent();

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, payload.Body);
        Assert.Equal("text/plain; charset=bogus", content.Headers.GetValues("Content-Type").Single());
        Assert.False(payload.Authenticate);
    }

    [Fact]
    public void Resolve_UnknownCase_ReportsTheCaseName()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            CorpusPlaceholders.Resolve("x {{ticket:07-b}}", (kind, other) => throw new InvalidOperationException($"{kind} of {other} is unknown")));

        Assert.Equal("ticket of 07-b is unknown", ex.Message);
    }

    [Fact]
    public void Malformed_PlaceholderTypo_IsReported()
    {
        Assert.Equal(new[] { "{{ticket 01-a}}", "{{tiket:01-a}}" }, CorpusPlaceholders.Malformed("{{ticket 01-a}} {{tiket:01-a}} {{support}} {{plus:01-a}}"));
    }

    /// <summary>The payload's form parts as the app reads them: name, file name, Content-Type as written (or null), bytes.</summary>
    private static List<(string Name, string? FileName, string? ContentType, byte[] Content)> Parts(CorpusPayload payload)
    {
        Assert.True(SendGridForm.TryRead(payload.Body, payload.ContentType, out var form, out var error), error);
        return [.. form.Parts.Select(p => (SendGridForm.NameOf(p), p.FileName, p.Headers[HeaderId.ContentType], SendGridForm.Bytes(p)))];
    }
}
