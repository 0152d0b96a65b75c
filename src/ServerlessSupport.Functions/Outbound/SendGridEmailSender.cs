using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Reliability;
using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>
/// Sends through SendGrid's v3 mail send with the SendGrid package's <see cref="SendGridClient"/> and maps every answer
/// to a <see cref="SendResult"/>: 2xx → Sent, 429/408/5xx/timeout/network → RetryLater, any other status → Rejected.
/// The client gets its <see cref="HttpClient"/> from IHttpClientFactory, so the package's own retry handler is never in
/// the path: DispatchEmail retries with backoff and X-RateLimit-Reset, and the package would throw on 5xx when retrying.
/// Only the caller's own cancellation escapes as an exception.
/// </summary>
internal sealed class SendGridEmailSender : IEmailSender
{
    private const int MaxReasonLength = 300;

    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;

    public SendGridEmailSender(HttpClient http, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        _options = options.Value;
        _client = new SendGridClient(http, new SendGridClientOptions
        {
            ApiKey = _options.ApiKey,
            Host = _options.BaseUrl.AbsoluteUri,
            HttpErrorAsException = false,
            ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
        });
        _time = time;
        _logger = logger;
    }

    public async Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var emailId = HeaderValue.Sanitize(email.MessageId);
        var message = SendGridMailBuilder.Build(email);
        using var activity = SupportTelemetry.Source.StartActivity("SendGrid mail send", ActivityKind.Client);
        activity?.SetTag("http.request.method", "POST");
        activity?.SetTag("server.address", _options.BaseUrl.Host);
        activity?.SetTag("url.path", "/v3/mail/send");

        // The timeout runs on the injected clock so it is the same clock that decides retries (and tests can move it).
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await _client.SendEmailAsync(message, linked.Token);
            using (response.Body)
            {
                activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                var result = await MapAsync(emailId, response, linked.Token);
                if (result is not SendResult.Sent)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, result.GetType().Name);
                }

                return result;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            SendGridLog.TimedOut(_logger, emailId, _options.Timeout);
            return new SendResult.RetryLater(null, $"SendGrid did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.HttpRequestError.ToString());
            SendGridLog.Unreachable(_logger, emailId, ex.HttpRequestError, ex);
            return new SendResult.RetryLater(null, $"SendGrid could not be reached ({ex.HttpRequestError})");
        }
    }

    private async Task<SendResult> MapAsync(string emailId, Response response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var providerId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            SendGridLog.Accepted(_logger, emailId, providerId);
            return new SendResult.Sent(providerId);
        }

        var error = await ReadFirstErrorAsync(response, cancellationToken);
        var reason = Shorten(error?.Message) ?? $"{status} {ReasonPhrases.GetReasonPhrase(status)}".Trim();

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = RetryAfter(response);
            SendGridLog.RateLimited(_logger, emailId, after);
            return new SendResult.RetryLater(after, $"SendGrid rate limit (429): {reason}");
        }

        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            SendGridLog.TransientFailure(_logger, emailId, status, reason);
            return new SendResult.RetryLater(null, $"SendGrid answered {status}: {reason}");
        }

        SendGridLog.Rejected(_logger, emailId, status, error?.Field, reason);
        return new SendResult.Rejected(status, reason);
    }

    /// <summary>X-RateLimit-Reset (unix seconds) first, then Retry-After; never less than a second.</summary>
    private TimeSpan? RetryAfter(Response response)
    {
        var now = _time.GetUtcNow();
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            return AtLeastOneSecond(DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => AtLeastOneSecond(delta),
            { Date: { } date } => AtLeastOneSecond(date - now),
            _ => null,
        };
    }

    private static TimeSpan AtLeastOneSecond(TimeSpan value) => value < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : value;

    private static async Task<SendGridError?> ReadFirstErrorAsync(Response response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.Body is null)
            {
                return null;
            }

            var body = await response.Body.ReadFromJsonAsync(SendGridJsonContext.Default.SendGridErrorResponse, cancellationToken);
            return body?.Errors?.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e.Message)) ?? body?.Errors?.FirstOrDefault();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // Not JSON (e.g. an HTML page from a proxy): the status alone is the reason.
            return null;
        }
    }

    private string? Shorten(string? message)
    {
        var clean = HeaderValue.Sanitize(message, int.MaxValue);
        if (clean.Length == 0)
        {
            return null;
        }

        // A reason ends up in events agents see: never let the key through, even if an answer echoes it.
        if (_options.ApiKey.Length > 0)
        {
            clean = clean.Replace(_options.ApiKey, "***", StringComparison.Ordinal);
        }

        return clean.Length <= MaxReasonLength ? clean : string.Concat(clean.AsSpan(0, MaxReasonLength - 1), "…");
    }
}
