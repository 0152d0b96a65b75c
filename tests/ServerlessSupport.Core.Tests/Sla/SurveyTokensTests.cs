using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class SurveyTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketId Ticket = TicketId.Parse("K7M2QX9P");

    [Fact]
    public void Verify_TokenJustCreated_IsValidWithItsTicketAndAnswer()
    {
        var tokens = new SurveyTokens("secret");

        var check = tokens.Verify(tokens.Create(Ticket, SurveyRating.Bad, Now.AddDays(14), 2), Now);

        Assert.Equal(SurveyTokenStatus.Valid, check.Status);
        Assert.Equal(Ticket, check.Ticket);
        Assert.Equal(SurveyRating.Bad, check.Rating);
        Assert.Equal(2, check.Resolution);
    }

    [Fact]
    public void Verify_AfterExpiry_IsExpired()
    {
        var tokens = new SurveyTokens("secret");

        Assert.Equal(SurveyTokenStatus.Expired, tokens.Verify(tokens.Create(Ticket, SurveyRating.Good, Now.AddDays(14), 1), Now.AddDays(14)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Verify_Garbage_IsInvalid(string token) =>
        Assert.Equal(SurveyTokenStatus.Invalid, new SurveyTokens("secret").Verify(token, Now).Status);

    [Fact]
    public void Verify_OtherKeyOrChangedAnswer_IsInvalid()
    {
        var token = new SurveyTokens("secret").Create(Ticket, SurveyRating.Bad, Now.AddDays(14), 1);
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"{Ticket}|good|{Now.AddDays(14).ToUnixTimeSeconds()}|1")) + token[token.IndexOf('.', StringComparison.Ordinal)..];
        var laterResolution = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"{Ticket}|bad|{Now.AddDays(14).ToUnixTimeSeconds()}|2")) + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(SurveyTokenStatus.Invalid, new SurveyTokens("other").Verify(token, Now).Status);
        Assert.Equal(SurveyTokenStatus.Invalid, new SurveyTokens("secret").Verify(forged, Now).Status);
        Assert.Equal(SurveyTokenStatus.Invalid, new SurveyTokens("secret").Verify(laterResolution, Now).Status);
    }

    [Fact]
    public void Verify_TokenFromBeforeResolutionsWereCounted_ReadsAsResolutionZero()
    {
        // The three-part form earlier releases signed: still valid until it expires.
        var payload = System.Text.Encoding.UTF8.GetBytes($"{Ticket}|good|{Now.AddDays(14).ToUnixTimeSeconds()}");
        var legacy = System.Buffers.Text.Base64Url.EncodeToString(payload) + "." + System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes("secret"), payload));

        var check = new SurveyTokens("secret").Verify(legacy, Now);

        Assert.Equal((SurveyTokenStatus.Valid, 0), (check.Status, check.Resolution));
    }
}
