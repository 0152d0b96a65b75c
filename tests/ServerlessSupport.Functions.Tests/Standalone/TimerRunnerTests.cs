using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Standalone;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Standalone;

/// <summary>Timers on a fake clock with their lease and schedule status in a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerRunnerTests(AzuriteFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly StorageClients _storage = fixture.Clients();
    private readonly ConcurrentQueue<(string Runner, TimerFiring Invocation)> _fired = new();

    [Fact]
    public async Task TwoRunners_SameHostId_FireEachOccurrenceOnce()
    {
        var time = new FakeTimeProvider(Start);
        var hostId = AzureFixtureHostId();
        await using var a = Runner("a", hostId, time);
        await using var b = Runner("b", hostId, time);
        a.Start();
        b.Start();

        for (var minute = 1; minute <= 3; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var expected = minute;
            await Eventually.TrueAsync(() => _fired.Count >= expected, $"occurrence {expected} fired");
        }

        // Both runners settle on every occurrence (the loser by lease or by the recorded Last) before we count.
        await Eventually.TrueAsync(async () => (await StatusAsync(hostId))?.Last == Start.AddMinutes(3), "status records the third occurrence");
        await Task.Delay(300);

        Assert.Equal(
            [Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(3)],
            _fired.Select(f => f.Invocation.Occurrence).Order());
        Assert.All(_fired, f => Assert.False(f.Invocation.Info.IsPastDue));
    }

    [Fact]
    public async Task TryFireAsync_RacingRunners_OnlyOneRunsAnOccurrence()
    {
        var time = new FakeTimeProvider(Start);
        var hostId = AzureFixtureHostId();
        await using var a = Runner("a", hostId, time);
        await using var b = Runner("b", hostId, time);

        for (var minute = 1; minute <= 3; minute++)
        {
            var occurrence = Start.AddMinutes(minute);
            var results = await Task.WhenAll(
                a.TryFireAsync(occurrence, isPastDue: false, CancellationToken.None),
                b.TryFireAsync(occurrence, isPastDue: false, CancellationToken.None));
            Assert.Single(results, fired => fired);
        }

        Assert.Equal(3, _fired.Count);
        Assert.False(await a.TryFireAsync(Start.AddMinutes(2), isPastDue: false, CancellationToken.None));
    }

    [Fact]
    public async Task Start_StatusNextLongPast_FiresOncePastDueThenFollowsSchedule()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(10));
        var hostId = AzureFixtureHostId();
        var missed = Start.AddHours(-3);
        await WriteStatusAsync(hostId, new TimerScheduleStatus(missed.AddMinutes(-1), missed, missed.AddMinutes(-1)));
        await using var a = Runner("a", hostId, time);
        await using var b = Runner("b", hostId, time);

        a.Start();
        b.Start();
        await Eventually.TrueAsync(() => !_fired.IsEmpty, "the past-due run");
        await Eventually.TrueAsync(async () => (await StatusAsync(hostId))?.Last == missed, "status records the missed occurrence");
        await Task.Delay(300);

        var catchUp = Assert.Single(_fired).Invocation;
        Assert.True(catchUp.Info.IsPastDue);
        Assert.Equal(missed, catchUp.Occurrence);
        Assert.Equal(missed.AddMinutes(-1).UtcDateTime, catchUp.Info.ScheduleStatus!.Last);
        Assert.Equal(Start.AddMinutes(1), (await StatusAsync(hostId))!.Next);

        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => _fired.Count >= 2, "the next regular occurrence");
        var regular = _fired.ToArray()[1].Invocation;
        Assert.False(regular.Info.IsPastDue);
        Assert.Equal(Start.AddMinutes(1), regular.Occurrence);
    }

    [Fact]
    public async Task Start_NoStatus_RecordsNextWithoutFiring()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(30));
        var hostId = AzureFixtureHostId();
        await using var a = Runner("a", hostId, time);

        a.Start();
        await Eventually.TrueAsync(async () => await StatusAsync(hostId) is not null, "the first status record");

        Assert.Equal(Start.AddMinutes(1), (await StatusAsync(hostId))!.Next);
        Assert.Empty(_fired);
    }

    private static string AzureFixtureHostId() => AzuriteFixture.UniqueName("host");

    private TimerRunner Runner(string name, string hostId, TimeProvider time) =>
        new("Sweep", CronSchedule.Parse("0 * * * * *"), _storage, hostId, (invocation, _) =>
        {
            _fired.Enqueue((name, invocation));
            return Task.CompletedTask;
        }, time, NullLogger.Instance);

    private async Task<TimerScheduleStatus?> StatusAsync(string hostId)
    {
        var blob = fixture.Azurite.BlobService.GetBlobContainerClient(TimerRunner.ContainerName).GetBlobClient($"timers/{hostId}/Sweep/status");
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        var download = await blob.DownloadContentAsync();
        return JsonSerializer.Deserialize(download.Value.Content.ToString(), HostingJsonContext.Default.TimerScheduleStatus);
    }

    private async Task WriteStatusAsync(string hostId, TimerScheduleStatus status)
    {
        var container = fixture.Azurite.BlobService.GetBlobContainerClient(TimerRunner.ContainerName);
        await container.CreateIfNotExistsAsync();
        var json = JsonSerializer.Serialize(status, HostingJsonContext.Default.TimerScheduleStatus);
        await container.GetBlobClient($"timers/{hostId}/Sweep/status").UploadAsync(BinaryData.FromString(json), overwrite: true);
    }
}
