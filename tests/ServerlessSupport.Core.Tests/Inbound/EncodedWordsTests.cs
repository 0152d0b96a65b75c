using System.Text;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class EncodedWordsTests
{
    [Theory]
    [InlineData("=?UTF-8?B?Q2Fmw6kgY3LDqG1l?=", "Café crème")]
    [InlineData("=?utf-8?q?Caf=C3=A9_cr=C3=A8me?=", "Café crème")]
    [InlineData("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard")]
    [InlineData("=?windows-1252?Q?=80_price_=93quoted=94?=", "€ price “quoted”")]
    [InlineData("=?iso-8859-1?q?this=20is=20some=20text?=", "this is some text")]
    [InlineData("=?UTF-8*en?Q?Hello?=", "Hello")]
    [InlineData("plain text", "plain text")]
    [InlineData("", "")]
    public void Decode_KnownWords_Decodes(string input, string expected)
        => Assert.Equal(expected, EncodedWords.Decode(input));

    [Theory]
    [InlineData("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=  \r\n  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)")]
    public void Decode_Rfc2047Examples_FollowWhitespaceRule(string input, string expected)
        => Assert.Equal(expected, EncodedWords.Decode(input));

    [Fact]
    public void Decode_Utf8SplitAcrossWords_IsJoinedBeforeDecoding()
    {
        // "é" is C3 A9; the first word ends after C3, the second starts with A9.
        var input = "=?UTF-8?Q?Caf=C3?= =?UTF-8?Q?=A9?=";

        Assert.Equal("Café", EncodedWords.Decode(input));
    }

    [Fact]
    public void Decode_ShiftJis_Decodes()
    {
        var bytes = Charsets.GetOrUtf8("shift_jis").GetBytes("日本語");
        var input = $"=?shift_jis?B?{Convert.ToBase64String(bytes)}?=";

        Assert.Equal("日本語", EncodedWords.Decode(input));
    }

    [Fact]
    public void Decode_Iso2022Jp_Decodes()
    {
        var bytes = Charsets.GetOrUtf8("iso-2022-jp").GetBytes("こんにちは");
        var input = $"=?ISO-2022-JP?B?{Convert.ToBase64String(bytes)}?=";

        Assert.Equal("こんにちは", EncodedWords.Decode(input));
    }

    [Fact]
    public void Decode_Koi8R_Decodes()
    {
        var bytes = Charsets.GetOrUtf8("koi8-r").GetBytes("Привет");
        var input = $"=?koi8-r?B?{Convert.ToBase64String(bytes)}?=";

        Assert.Equal("Привет", EncodedWords.Decode(input));
    }

    [Fact]
    public void Decode_MissingBase64Padding_IsTolerated()
        => Assert.Equal("Hi", EncodedWords.Decode("=?utf-8?B?SGk?="));

    [Theory]
    [InlineData("=?x-unknown-charset?Q?abc?=")]
    [InlineData("=?utf-8?B?!!!notbase64!!!?=")]
    [InlineData("=?utf-8?X?abc?=")]
    [InlineData("=?utf-8?Q?no end")]
    [InlineData("=?utf-7?B?K2Fn?=")]
    [InlineData("=??Q?abc?=")]
    public void Decode_InvalidWord_IsLeftAsIs(string input)
        => Assert.Equal(input, EncodedWords.Decode(input));

    [Fact]
    public void Decode_InvalidWordBetweenValidOnes_KeepsSpacing()
    {
        var input = "=?utf-8?Q?a?= =?bogus?Q?b?= =?utf-8?Q?c?=";

        Assert.Equal("a =?bogus?Q?b?= c", EncodedWords.Decode(input));
    }

    [Fact]
    public void Decode_AnyInput_NeverThrows()
    {
        var random = new Random(42);
        const string alphabet = "=?QqBb_ -utf8iso-8859-1AZaz019+/\r\n\t";
        for (var i = 0; i < 2000; i++)
        {
            var builder = new StringBuilder();
            for (var j = random.Next(60); j > 0; j--)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            _ = EncodedWords.Decode(builder.ToString());
        }
    }
}
