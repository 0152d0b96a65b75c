using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessSupport.Functions.Tests.Outbound;

/// <summary>Keeps every formatted message (and exception text) so tests can check what was logged.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
}
