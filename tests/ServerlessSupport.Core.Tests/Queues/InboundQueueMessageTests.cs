using System.Text;
using System.Text.Json;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Tests.Queues;

public class InboundQueueMessageTests
{
    private const int QueueMessageLimit = 64 * 1024;

    private static InboundQueueMessage Pointer(string contentType = "application/json") =>
        new("2026/11/22/101500123-0011223344556677", InboundQueueMessage.JsonFormat, contentType, new DateTimeOffset(2026, 11, 22, 10, 15, 0, TimeSpan.Zero));

    [Fact]
    public void WithInline_SmallPayload_RoundTripsThroughJson()
    {
        var body = Encoding.UTF8.GetBytes("""{"from":"a@b.example","text":"Hello + goodbye / again"}""");

        var inline = Pointer().WithInline(body);
        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(inline, CoreJsonContext.Default.InboundQueueMessage), CoreJsonContext.Default.InboundQueueMessage)!;

        Assert.True(read.IsInline);
        Assert.True(read.TryReadInline(out var bytes));
        Assert.Equal(body, bytes.ToArray());
    }

    // Messages queued by an earlier version name the intake id "blob": they must still be read after a deployment.
    [Fact]
    public void Json_IntakeId_TravelsAsBlob()
    {
        var json = JsonSerializer.Serialize(Pointer(), CoreJsonContext.Default.InboundQueueMessage);
        var queued = JsonSerializer.Deserialize("""{"blob":"2026/11/22/abc","format":"json","contentType":"application/json","receivedAt":"2026-11-22T10:15:00+00:00"}""", CoreJsonContext.Default.InboundQueueMessage)!;

        Assert.Contains("\"blob\":\"2026/11/22/101500123-0011223344556677\"", json, StringComparison.Ordinal);
        Assert.Equal("2026/11/22/abc", queued.IntakeId);
    }

    [Fact]
    public void WithInline_OverInlineLimit_ReturnsNull()
    {
        Assert.Null(Pointer().WithInline(new byte[InboundQueueMessage.MaxInlineBytes + 1]));
    }

    [Fact]
    public void WithInline_HugeContentType_ReturnsNull()
    {
        Assert.Null(Pointer("multipart/form-data; boundary=" + new string('<', 4_000)).WithInline(new byte[InboundQueueMessage.MaxInlineBytes]));
    }

    [Theory]
    [InlineData(0x00, true)]
    [InlineData(0xFB, false)]
    public void WithInline_PayloadAtInlineLimit_InlineOnlyWhenQueueMessageFits(byte fill, bool expectInline)
    {
        // 0xFB bytes encode to "+/v7…": the most JSON escaping ('+' becomes \u002B) a base64 payload can cause.
        var worst = Enumerable.Repeat(fill, InboundQueueMessage.MaxInlineBytes).ToArray();
        var pointer = Pointer("multipart/form-data; boundary=" + new string('x', 200));

        var inline = pointer.WithInline(worst);
        var candidate = pointer with { Payload = Convert.ToBase64String(worst) };
        var serialized = JsonSerializer.SerializeToUtf8Bytes(inline ?? candidate, CoreJsonContext.Default.InboundQueueMessage);

        // Either it travels inline and fits the queue once base64-encoded, or it is refused inline (and goes to a blob).
        Assert.True(inline is null || (serialized.Length + 2) / 3 * 4 <= QueueMessageLimit, $"{serialized.Length} bytes");
        Assert.True(inline is not null || serialized.Length > InboundQueueMessage.MaxMessageBytes);
        Assert.Equal(expectInline, inline is not null);
    }

    [Fact]
    public void TryReadInline_NotBase64_ReturnsFalse()
    {
        Assert.False((Pointer() with { Payload = "not*base64!" }).TryReadInline(out _));
    }

    [Fact]
    public void TryReadInline_NoPayload_ReturnsFalse()
    {
        Assert.False(Pointer().IsInline);
        Assert.False(Pointer().TryReadInline(out _));
    }
}
