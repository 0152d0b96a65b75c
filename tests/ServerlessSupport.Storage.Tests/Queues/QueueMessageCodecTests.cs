using System.Text;
using ServerlessSupport.Storage.Queues;

namespace ServerlessSupport.Storage.Tests.Queues;

public sealed class QueueMessageCodecTests
{
    [Fact]
    public void Encode_NonAsciiAndXmlSpecialText_IsBase64OfUtf8()
    {
        // "é" is C3 A9 in UTF-8; the expected value is worked out by hand, not with the codec.
        Assert.Equal("w6k8Jj4=", QueueMessageCodec.Encode("é<&>"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("Grüße <b>&amp;</b> \"quoted\" 'single' 日本語 🎫")]
    public void Decode_EncodedText_RoundTrips(string text)
    {
        Assert.Equal(text, QueueMessageCodec.Decode(QueueMessageCodec.Encode(text)));
    }

    [Fact]
    public void Decode_TextThatIsNotBase64_ReturnsItUnchanged()
    {
        Assert.Equal("{\"ticket\":\"T-1\"}", QueueMessageCodec.Decode("{\"ticket\":\"T-1\"}"));
    }

    [Fact]
    public void RequestBody_Text_IsQueueMessageXmlWithBase64MessageText()
    {
        var body = Encoding.UTF8.GetString(QueueMessageCodec.RequestBody("a<b"));

        Assert.Equal("<QueueMessage><MessageText>YTxi</MessageText></QueueMessage>", body);
    }
}
