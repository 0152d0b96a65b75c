using System.Net;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// One pipeline for a whole corpus set (tests/corpus/inbound here; <see cref="CorpusTwinRun"/> for the raw-mode twins):
/// cases run in file order, each after the cases it names in <c>after</c>, each at most once (memoised), so a single
/// case can also be run on its own. A collection fixture: the corpus tests and the twin comparison share the results.
/// </summary>
public class CorpusRun : IAsyncLifetime
{
    private const int LargeBody = 1024 * 1024;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, CorpusCaseResult> _results = new(StringComparer.Ordinal);
    private readonly CorpusSet _set;
    private PipelineHost? _host;

    public CorpusRun()
        : this(CorpusLoader.Main)
    {
    }

    private protected CorpusRun(CorpusSet set) => _set = set;

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Runs the case (and first its predecessors) unless it already ran. xunit runs one class's tests one at a time.</summary>
    internal async Task<CorpusCaseResult> RunAsync(string name, AzuriteFixture azurite, CancellationToken ct = default)
    {
        _host ??= await PipelineHost.StartAsync(azurite, ct: ct);
        return await RunOnceAsync(name, _host, [], ct);
    }

    private async Task<CorpusCaseResult> RunOnceAsync(string name, PipelineHost host, HashSet<string> running, CancellationToken ct)
    {
        if (_results.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!running.Add(name))
        {
            throw new InvalidOperationException($"Corpus case {name} depends on itself through \"after\".");
        }

        var corpusCase = _set.Get(name);
        foreach (var predecessor in corpusCase.After)
        {
            await RunOnceAsync(predecessor, host, running, ct);
        }

        CorpusCaseResult result;
        try
        {
            result = await ExecuteAsync(corpusCase, host, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            // Remembered like any result: running the case again would post it twice and only muddle what follows.
            result = new CorpusCaseResult(name, null, null, null, [$"run: {ex.GetType().Name}: {ex.Message}"]);
        }

        lock (_results)
        {
            _results[name] = result;
        }
        return result;
    }

    private async Task<CorpusCaseResult> ExecuteAsync(CorpusCase corpusCase, PipelineHost host, CancellationToken ct)
    {
        string Resolve(string text) => CorpusPlaceholders.Resolve(text, (kind, other) => Lookup(host, corpusCase, kind, other));
        var payload = CorpusPayloadBuilder.Build(corpusCase, Resolve);
        var before = await CorpusSnapshot.TakeAsync(host, ct);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < payload.Repeat; i++)
        {
            statuses.Add(await PostAsync(host, payload, ct));
        }

        await host.WaitForIdleAsync(IdleTimeout, ct);
        var after = await CorpusSnapshot.TakeAsync(host, ct);
        return await new CorpusVerdict(corpusCase, host, before, after, statuses, Resolve, ThreadTarget).JudgeAsync(ct);
    }

    // Posts like PipelineHost.PostInboundAsync, awaiting the send before the request (and its content) is disposed.
    private static async Task<HttpStatusCode> PostAsync(PipelineHost host, CorpusPayload payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inbound/{payload.Kind}") { Content = payload.CreateContent() };

        // A server that refuses a large body answers before reading it; with 100-continue the client hears that answer
        // instead of a broken pipe halfway through the upload.
        request.Headers.ExpectContinue = payload.Body.Length > LargeBody;
        if (payload.Authenticate)
        {
            request.Headers.Add("x-functions-key", host.WebhookKey);
        }

        using var response = await host.Client.SendAsync(request, ct);
        return response.StatusCode;
    }

    private string Lookup(PipelineHost host, CorpusCase requester, string kind, string? other)
    {
        if (kind == CorpusPlaceholders.Support)
        {
            return host.SupportAddress;
        }

        if (other is null || !_results.TryGetValue(other, out var result))
        {
            throw new InvalidOperationException($"Corpus case {requester.Name} refers to {{{{{kind}:{other}}}}}, but {other} has not run (list it in \"after\").");
        }

        string? value = kind switch
        {
            CorpusPlaceholders.Ticket => result.Ticket?.Value,
            CorpusPlaceholders.Plus => result.Ticket is { } id ? TicketToken.PlusAddress(id, host.SupportAddress) : null,
            CorpusPlaceholders.MessageId => result.MessageId is { } mid ? MessageIds.Format(mid) : null,
            CorpusPlaceholders.AckMessageId => result.AckMessageId,
            _ => null,
        };

        return value ?? throw new InvalidOperationException(
            $"Corpus case {requester.Name} needs the {kind} of {other}, which produced none ({(result.Failures.Count == 0 ? "no failures" : string.Join("; ", result.Failures))}).");
    }

    private TicketId? ThreadTarget(string name) => _results.TryGetValue(name, out var result) ? result.Ticket : null;
}
