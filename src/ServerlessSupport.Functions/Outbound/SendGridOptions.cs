namespace ServerlessSupport.Functions.Outbound;

/// <summary>Settings for SendGrid's v3 mail send, bound from the configuration section "SendGrid" (env: <c>SendGrid__ApiKey</c>, ...).</summary>
internal sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    /// <summary>The API key sent as a bearer token. Never logged and never part of a result.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Where the v3 API lives; tests and the benchmark point it at the local fake server.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com");

    /// <summary>How long one send may take, from the request to the end of the answer's body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
