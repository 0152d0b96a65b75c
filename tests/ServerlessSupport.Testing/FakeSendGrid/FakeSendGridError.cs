namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>One entry of SendGrid's error body <c>{"errors":[{"message","field","help"}]}</c>.</summary>
public sealed record FakeSendGridError(string Message, string? Field = null, string? Help = null)
{
    /// <summary>Where SendGrid's own answers point for mail-send errors.</summary>
    public const string MailSendErrorsHelp = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html";
}

/// <summary>The error body as it goes on the wire.</summary>
public sealed record FakeSendGridErrorBody(IReadOnlyList<FakeSendGridError> Errors);
