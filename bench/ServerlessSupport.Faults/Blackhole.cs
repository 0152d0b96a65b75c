using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ServerlessSupport.Faults;

/// <summary>
/// A loopback TCP proxy in front of one Azurite service. While <see cref="Down"/> it resets open connections and every new
/// one right after reading its request line (so the harness can tell a worker's poll from a webhook write), while Azurite
/// keeps its in-memory state, which a stop/start would lose. It counts connection attempts and, while down, polls
/// (<c>GET …/messages</c>) per second so the harness can show clients back off.
/// </summary>
internal sealed class Blackhole : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<CancellationTokenSource, byte> _open = new();
    private readonly ConcurrentDictionary<long, int> _attemptsPerSecond = new();
    private readonly ConcurrentDictionary<long, int> _pollsPerSecond = new();
    private readonly Task _accepting;
    private volatile bool _down;

    public Blackhole(int targetPort)
    {
        _target = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public bool Down
    {
        get => _down;
        set
        {
            _down = value;
            if (value)
            {
                // Each connection closes itself on its own thread: disposing a socket another thread is using can block.
                foreach (var connection in _open.Keys)
                {
                    Cancel(connection);
                }
            }
        }
    }

    /// <summary>Connection attempts in each whole second (unix seconds) of the given range.</summary>
    public IReadOnlyList<int> AttemptsPerSecond(DateTimeOffset from, DateTimeOffset to) => PerSecond(_attemptsPerSecond, from, to);

    /// <summary>Queue polls (<c>GET …/messages</c>) refused while down, in each whole second of the given range.</summary>
    public IReadOnlyList<int> PollsPerSecond(DateTimeOffset from, DateTimeOffset to) => PerSecond(_pollsPerSecond, from, to);

    private static void CountNow(ConcurrentDictionary<long, int> counts) =>
        counts.AddOrUpdate(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 1, (_, n) => n + 1);

    private static List<int> PerSecond(ConcurrentDictionary<long, int> counts, DateTimeOffset from, DateTimeOffset to)
    {
        var list = new List<int>();
        for (var s = from.ToUnixTimeSeconds(); s < to.ToUnixTimeSeconds(); s++)
        {
            list.Add(counts.TryGetValue(s, out var n) ? n : 0);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            CountNow(_attemptsPerSecond);
            if (_down)
            {
                _ = Task.Run(() => RefuseAsync(client));
                continue;
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _open[connection] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target, connection.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            var a = down.CopyToAsync(up, connection.Token);
            var b = up.CopyToAsync(down, connection.Token);
            await Task.WhenAny(a, b);
            await connection.CancelAsync();
            await Task.WhenAll(a, b).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (Exception)
        {
            // Reset by Down, or either side closed: the connection is over.
        }
        finally
        {
            _open.TryRemove(connection, out _);
            Reset(client);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        try
        {
            var buffer = new byte[256];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await client.GetStream().ReadAsync(buffer, timeout.Token);
            var requestLine = System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0];
            if (requestLine.StartsWith("GET ", StringComparison.Ordinal) && requestLine.Contains("/messages", StringComparison.Ordinal))
            {
                CountNow(_pollsPerSecond);
            }
        }
        catch (Exception)
        {
            // Nothing sent in time or the client gave up: only the attempt counts.
        }
        finally
        {
            Reset(client);
        }
    }

    private static void Cancel(CancellationTokenSource connection)
    {
        try
        {
            connection.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That connection already ended.
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
        }
        catch (Exception)
        {
            // Already closed.
        }
    }
}
