using FsCheck;
using FsCheck.Fluent;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Tests.Email;

public class HeaderValueTests
{
    private static readonly char[] Interesting =
        ['\r', '\n', '\t', '\0', '\u007F', '\u0085', '\u2028', '\u2029', ' ', '\u00A0', 'a', 'Z', ':', '\uD83D', '\uDE00', 'é'];

    [Theory]
    [InlineData("Hello\r\nBcc: victim@x.example", "Hello Bcc: victim@x.example")]
    [InlineData("  a \t\t b  ", "a b")]
    [InlineData("a\u0085b\u2028c\u2029d", "a b c d")]
    [InlineData("a\0b\u007Fc", "a b c")]
    [InlineData(null, "")]
    [InlineData("\r\n", "")]
    public void Sanitize_Examples(string? input, string expected)
        => Assert.Equal(expected, HeaderValue.Sanitize(input));

    [Fact]
    public void Sanitize_LongValue_IsCutWithoutSplittingSurrogates()
    {
        var value = new string('a', 9) + "😀😀";

        Assert.Equal(new string('a', 9), HeaderValue.Sanitize(value, 10));
        Assert.Equal(new string('a', 9) + "😀", HeaderValue.Sanitize(value, 11));
        Assert.Equal(HeaderValue.DefaultMaxLength, HeaderValue.Sanitize(new string('x', 5000)).Length);
    }

    [Fact]
    public void Sanitize_AnyString_HasNoControlOrSeparatorCharacters()
    {
        var chars = Gen.OneOf(Gen.Elements(Interesting), Gen.Choose(0, 0xFFFF).Select(i => (char)i));
        var strings = Gen.ArrayOf(chars).Select(a => new string(a)).ToArbitrary();

        Prop.ForAll(strings, value =>
        {
            var result = HeaderValue.Sanitize(value);
            return result.All(c => c >= 0x20 && c != 0x7F && c != '\u0085' && c != '\u2028' && c != '\u2029' && !(c >= 0x80 && c < 0xA0))
                && result.Length <= HeaderValue.DefaultMaxLength
                && !result.Contains("  ", StringComparison.Ordinal)
                && result == result.Trim();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sanitize_AnyString_IsIdempotent()
    {
        var strings = Gen.ArrayOf(Gen.Elements(Interesting)).Select(a => new string(a)).ToArbitrary();

        Prop.ForAll(strings, value => HeaderValue.Sanitize(HeaderValue.Sanitize(value)) == HeaderValue.Sanitize(value))
            .QuickCheckThrowOnFailure();
    }
}
