using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>
/// A real HTTP server on 127.0.0.1 speaking SendGrid's <c>POST /v3/mail/send</c>. It checks the bearer key (401),
/// validates bodies like SendGrid (400 with SendGrid's errors), answers 202 with a random <c>X-Message-Id</c>, and
/// records every request. Answers can be scripted: <see cref="Enqueue"/>/<see cref="FailNext"/> for the next requests,
/// <see cref="RateLimit"/> until a time on the server's clock, or <see cref="Respond"/> for anything else.
/// Order of decision: wrong key → 401; queued answer; rate limit; <see cref="Respond"/>; validation → 400; 202.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    public const string MailSendPath = "/v3/mail/send";

    private readonly object _gate = new();
    private readonly List<FakeSendGridRequest> _requests = [];
    private readonly Queue<FakeSendGridAnswer> _script = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private Func<FakeSendGridRequest, FakeSendGridAnswer?>? _respond;
    private DateTimeOffset? _rateLimitedUntil;
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;

    private FakeSendGridServer(string apiKey, TimeProvider time)
    {
        ApiKey = apiKey;
        _time = time;
    }

    /// <summary>The key the server accepts as <c>Authorization: Bearer {ApiKey}</c>.</summary>
    public string ApiKey { get; }

    /// <summary>e.g. <c>http://127.0.0.1:51234</c>; use it as SendGrid:BaseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>
    /// Decides answers for authorised requests that no queued answer or rate limit took; return null for the default
    /// (validation, then 202). The request passed in carries its <see cref="FakeSendGridRequest.ValidationErrors"/>.
    /// </summary>
    public Func<FakeSendGridRequest, FakeSendGridAnswer?>? Respond
    {
        get { lock (_gate) { return _respond; } }
        set { lock (_gate) { _respond = value; } }
    }

    /// <summary>
    /// False: every request is still validated, answered and raised through <see cref="RequestRecorded"/>, but none is kept
    /// (<see cref="Requests"/> stays empty). A load benchmark sees tens of thousands of requests in the app's own process; it
    /// keeps what it needs from the event, so the RSS it reports is the app's, not the recorder's. Default: true.
    /// </summary>
    public bool KeepRequests { get; set; } = true;

    /// <summary>Raised after each request is recorded (on the server's thread; keep it short).</summary>
    public event Action<FakeSendGridRequest>? RequestRecorded;

    /// <summary>A snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<FakeSendGridRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Starts a server on a free port. Without a key a random one is made; the clock defaults to the system's.</summary>
    public static async Task<FakeSendGridServer> StartAsync(string? apiKey = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeSendGridServer(apiKey ?? "SG.fake-" + Guid.NewGuid().ToString("N"), time ?? TimeProvider.System);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>The next requests get these answers, in order (after the key check).</summary>
    public void Enqueue(params FakeSendGridAnswer[] answers)
    {
        lock (_gate)
        {
            foreach (var answer in answers)
            {
                _script.Enqueue(answer);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> and a SendGrid-shaped body.</summary>
    public void FailNext(int count, int status) =>
        Enqueue([.. Enumerable.Range(0, count).Select(_ => FakeSendGridAnswer.Failure(status))]);

    /// <summary>Every request gets 429 with X-RateLimit-* headers until the server's clock reaches <paramref name="resetAt"/>.</summary>
    public void RateLimit(DateTimeOffset resetAt)
    {
        lock (_gate)
        {
            _rateLimitedUntil = resetAt;
        }
    }

    /// <summary>Every request fails with <paramref name="status"/> until <see cref="Reset"/> or <see cref="Respond"/> changes.</summary>
    public void AlwaysFail(int status) => Respond = _ => FakeSendGridAnswer.Failure(status);

    /// <summary>Every request is held open without an answer (for client timeouts).</summary>
    public void NeverAnswer() => Respond = _ => FakeSendGridAnswer.Hang();

    /// <summary>Back to default answers, and forget the requests recorded so far.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _script.Clear();
            _respond = null;
            _rateLimitedUntil = null;
            _requests.Clear();
        }
    }

    /// <summary>Waits (in real time, default 10 s) until at least <paramref name="count"/> requests have been recorded.</summary>
    public Task<IReadOnlyList<FakeSendGridRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync(requests => requests.Count >= count, $"{count} request(s)", timeout, cancellationToken);

    /// <summary>Waits (in real time, default 10 s) until the recorded requests satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<FakeSendGridRequest>> WaitForAsync(
        Func<IReadOnlyList<FakeSendGridRequest>, bool> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            IReadOnlyList<FakeSendGridRequest> snapshot;
            Task changed;
            lock (_gate)
            {
                snapshot = [.. _requests];
                changed = _changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The fake SendGrid server did not see {description} in time; it saw {snapshot.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        // Release held-open requests first so stopping does not wait for them.
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopTimeout.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings or environment, so the test process's settings cannot leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(cancellationToken);

        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseUrl = new Uri(addresses.First());
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = _time.GetUtcNow();
        string rawBody;
        FakeSendGridAnswer? tooLarge = null;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            rawBody = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            rawBody = "";
            tooLarge = FakeSendGridAnswer.Failure(413);
        }

        var body = Parse(rawBody);
        var request = new FakeSendGridRequest(
            Interlocked.Increment(ref _sequence),
            receivedAt,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            rawBody,
            body,
            FakeSendGridValidator.Validate(body));

        var answer = tooLarge ?? Decide(request);
        Record(request with { Answer = answer });
        await WriteAsync(context, answer);
    }

    private FakeSendGridAnswer Decide(FakeSendGridRequest request)
    {
        if (!string.Equals(request.Path, MailSendPath, StringComparison.Ordinal))
        {
            return FakeSendGridAnswer.Error(404, "not found");
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return FakeSendGridAnswer.Error(405, "method not allowed");
        }

        if (!IsAuthorised(request.Authorization))
        {
            return FakeSendGridAnswer.Unauthorized();
        }

        Func<FakeSendGridRequest, FakeSendGridAnswer?>? respond;
        lock (_gate)
        {
            if (_script.TryDequeue(out var scripted))
            {
                return scripted;
            }

            if (_rateLimitedUntil is { } until && request.ReceivedAt < until)
            {
                return FakeSendGridAnswer.TooManyRequests(until);
            }

            respond = _respond;
        }

        if (respond?.Invoke(request) is { } custom)
        {
            return custom;
        }

        return request.ValidationErrors.Count > 0
            ? FakeSendGridAnswer.Errors(400, request.ValidationErrors)
            : FakeSendGridAnswer.Accepted();
    }

    private bool IsAuthorised(string? authorization) =>
        authorization is not null
        && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && string.Equals(authorization["Bearer ".Length..], ApiKey, StringComparison.Ordinal);

    private void Record(FakeSendGridRequest request)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (KeepRequests)
            {
                _requests.Add(request);
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
        RequestRecorded?.Invoke(request);
    }

    private async Task WriteAsync(HttpContext context, FakeSendGridAnswer answer)
    {
        if (answer.NoAnswer)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, held.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
            }

            return;
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private static JsonNode? Parse(string rawBody)
    {
        try
        {
            return rawBody.Length == 0 ? null : JsonNode.Parse(rawBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
