using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Functions.Outbound;

internal static class SendGridServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SendGridEmailSender"/> as the <see cref="IEmailSender"/>, with <see cref="SendGridOptions"/> bound
    /// from the "SendGrid" section and validated at start (an API key is required: without one, register another sender).
    /// The sender's <see cref="HttpClient"/> comes from IHttpClientFactory (a typed client) and is handed to the SendGrid
    /// package's client, so no retry handler of the package's own is in the path.
    /// </summary>
    public static IServiceCollection AddSendGridEmailSender(this IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>()
            .BindConfiguration(SendGridOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "SendGrid:ApiKey is required to send through SendGrid.")
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp), "SendGrid:BaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "SendGrid:Timeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<IEmailSender, SendGridEmailSender>(client =>
            {
                // The sender enforces SendGridOptions.Timeout itself on the injected clock; one owner for the deadline.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .RedactLoggedHeaders(["Authorization"]);
        return services;
    }
}
