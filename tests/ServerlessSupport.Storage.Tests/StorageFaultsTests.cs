using System.Net.Sockets;
using Azure;

namespace ServerlessSupport.Storage.Tests;

public class StorageFaultsTests
{
    public static TheoryData<Exception> Faults() => new()
    {
        new RequestFailedException(503, "Server busy"),
        new HttpRequestException("connection refused"),
        new IOException("broken pipe"),
        new SocketException((int)SocketError.NotConnected),
        new TimeoutException(),
        new AggregateException(new RequestFailedException("Broken pipe"), new SocketException((int)SocketError.NotConnected)),
    };

    public static TheoryData<Exception> Bugs() => new()
    {
        new InvalidOperationException("bug"),
        new AggregateException(new RequestFailedException("Broken pipe"), new NullReferenceException()),
        new AggregateException(),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void IsStorageFault_NetworkOrServiceFailure_True(Exception exception)
    {
        Assert.True(StorageFaults.IsStorageFault(exception));
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void IsStorageFault_Bug_False(Exception exception)
    {
        Assert.False(StorageFaults.IsStorageFault(exception));
    }

    [Fact]
    public void IsStorageFault_CallerCancelled_False()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(StorageFaults.IsStorageFault(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.True(StorageFaults.IsStorageFault(new OperationCanceledException()));
    }
}
