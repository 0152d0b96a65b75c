using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessSupport.Functions.Tests;

/// <summary>What test functions saw; registered as a singleton so per-invocation instances share it.</summary>
internal sealed class Recorder
{
    public ConcurrentQueue<QueueMessage> Queue { get; } = new();

    public ConcurrentQueue<TimerInfo> Timer { get; } = new();
}

/// <summary>Functions declared the way the app declares its own, for the standalone host's tests.</summary>
internal sealed class RecordingFunctions(Recorder recorder)
{
    public const string QueueName = "standalone-test";

    [Function("RecordQueue")]
    public Task RecordQueueAsync([QueueTrigger(QueueName)] QueueMessage message, CancellationToken cancellationToken)
    {
        recorder.Queue.Enqueue(message);
        return Task.CompletedTask;
    }

    [Function("RecordTimer")]
    public void RecordTimer([TimerTrigger("%Test:TickSchedule%")] TimerInfo timer) => recorder.Timer.Enqueue(timer);

    [Function("EchoRoute")]
    public static Microsoft.AspNetCore.Mvc.IActionResult Echo(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "echo/{word}/{count:int}")] HttpRequest request,
        string word,
        int count) =>
        new Microsoft.AspNetCore.Mvc.ContentResult { Content = string.Concat(Enumerable.Repeat(word, count)), ContentType = "text/plain" };
}
