using System.Text;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class MultipartFormDataTests
{
    [Fact]
    public void TryParse_CrLfBody_ReadsFieldsAndFiles()
    {
        var builder = new MultipartBuilder().Field("subject", "Hello").File("attachment1", "a.txt", "text/plain", "abc"u8.ToArray());

        Assert.True(MultipartFormData.TryParse(builder.Build(), builder.ContentType, out var parts, out _));

        Assert.Equal(2, parts.Count);
        Assert.Equal(("subject", "Hello"), (parts[0].Name, Encoding.UTF8.GetString(parts[0].Content.Span)));
        Assert.Equal(("a.txt", "text/plain", "abc"), (parts[1].FileName, parts[1].ContentType, Encoding.UTF8.GetString(parts[1].Content.Span)));
    }

    [Fact]
    public void TryParse_LfOnly_IsTolerated()
    {
        var builder = new MultipartBuilder().WithLfOnly().Field("text", "line1\nline2").Field("from", "a@b.c");

        Assert.True(MultipartFormData.TryParse(builder.Build(), builder.ContentType, out var parts, out _));

        Assert.Equal("line1\nline2", Encoding.UTF8.GetString(parts[0].Content.Span));
        Assert.Equal("a@b.c", Encoding.UTF8.GetString(parts[1].Content.Span));
    }

    [Fact]
    public void TryParse_QuotedBoundaryWithSpecials_IsUsed()
    {
        var builder = new MultipartBuilder("gc0p4Jq0M:2Yt08jU534c0p").Field("subject", "x");
        var contentType = "multipart/form-data; charset=utf-8; boundary=\"gc0p4Jq0M:2Yt08jU534c0p\"";

        Assert.True(MultipartFormData.TryParse(builder.Build(), contentType, out var parts, out _));
        Assert.Equal("subject", Assert.Single(parts).Name);
    }

    [Fact]
    public void TryParse_PreambleAndBoundaryLookalikeInContent_AreHandled()
    {
        var body = "preamble text\r\n--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nnot a --b boundary\r\n--b--\r\nepilogue";

        Assert.True(MultipartFormData.TryParse(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b", out var parts, out _));
        Assert.Equal("not a --b boundary", Encoding.UTF8.GetString(Assert.Single(parts).Content.Span));
    }

    [Fact]
    public void TryParse_MissingCloseDelimiterAfterLastPart_IsTolerated()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b\r\n";

        Assert.True(MultipartFormData.TryParse(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b", out var parts, out _));
        Assert.Single(parts);
    }

    [Fact]
    public void TryParse_TruncatedPart_Fails()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi and then the connection dropped";

        Assert.False(MultipartFormData.TryParse(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b", out _, out var error));
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("application/json")]
    [InlineData(null)]
    public void TryParse_NoUsableBoundary_Fails(string? contentType)
    {
        var builder = new MultipartBuilder().Field("a", "b");

        Assert.False(MultipartFormData.TryParse(builder.Build(), contentType, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_BoundaryNotInBody_Fails()
        => Assert.False(MultipartFormData.TryParse("just some bytes"u8.ToArray(), "multipart/form-data; boundary=zzz", out _, out _));

    [Fact]
    public void TryParse_TooManyParts_Fails()
    {
        var builder = new MultipartBuilder();
        for (var i = 0; i <= MultipartFormData.MaxParts; i++)
        {
            builder.Field($"f{i}", "x");
        }

        Assert.False(MultipartFormData.TryParse(builder.Build(), builder.ContentType, out _, out var error));
        Assert.Contains("parts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OversizedPartHeader_Fails()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + new string('p', MultipartFormData.MaxPartHeaderBytes) + "\r\n\r\nv\r\n--b--";

        Assert.False(MultipartFormData.TryParse(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b", out _, out _));
    }

    [Fact]
    public void TryParse_Rfc2231FileName_IsDecoded()
    {
        var body = "--b\r\nContent-Disposition: form-data; name=\"attachment1\"; filename=\"fallback.txt\"; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.txt\r\n\r\nx\r\n--b--";

        Assert.True(MultipartFormData.TryParse(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b", out var parts, out _));
        Assert.Equal("naïve résumé.txt", Assert.Single(parts).FileName);
    }

    [Fact]
    public void TryParse_GarbageBody_NeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(200)];
            random.NextBytes(bytes);
            var text = "--b\r\n" + Encoding.Latin1.GetString(bytes) + (i % 2 == 0 ? "\r\n--b--" : string.Empty);

            _ = MultipartFormData.TryParse(Encoding.Latin1.GetBytes(text), "multipart/form-data; boundary=b", out _, out _);
        }
    }
}
