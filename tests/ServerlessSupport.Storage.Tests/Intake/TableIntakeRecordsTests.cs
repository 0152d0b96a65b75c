using ServerlessSupport.Core.Intake;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class TableIntakeRecordsTests(AzuriteFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_SameIdTwice_KeepsOneRowWithTheLatest()
    {
        var records = new TableIntakeRecords(await fixture.NewTableAsync("records"));

        await records.RecordAsync(new IntakeRecord("r1", IntakeRecord.Quarantined, At, "first", "2026/r1", null, null), default);
        await records.RecordAsync(new IntakeRecord("r1", IntakeRecord.Quarantined, At, "second", "2026/r1", "a@example.com", "Hi"), default);

        var record = Assert.Single(await records.ListAsync(10, default));
        Assert.Equal(new IntakeRecord("r1", IntakeRecord.Quarantined, At, "second", "2026/r1", "a@example.com", "Hi"), record);
    }

    [Fact]
    public async Task ListAsync_Max_NewestFirstAndAtMostMax()
    {
        var records = new TableIntakeRecords(await fixture.NewTableAsync("records"));
        for (var i = 0; i < 5; i++)
        {
            await records.RecordAsync(new IntakeRecord($"r{i}", IntakeRecord.Poison, At.AddMinutes(i), "why", null, null, null), default);
        }

        var listed = await records.ListAsync(3, default);

        Assert.Equal(3, listed.Count);
        Assert.Equal(listed.OrderByDescending(r => r.At).ToList(), listed);
    }

    [Fact]
    public async Task RecordAsync_HugeReasonAndSubject_AreCapped()
    {
        var records = new TableIntakeRecords(await fixture.NewTableAsync("records"));

        await records.RecordAsync(new IntakeRecord("big", IntakeRecord.Quarantined, At, new string('r', 50_000), null, null, new string('s', 50_000)), default);

        var record = Assert.Single(await records.ListAsync(1, default));
        Assert.Equal(4_000, record.Reason.Length);
        Assert.Equal(1_000, record.Subject!.Length);
        Assert.Null(record.Blob);
    }
}
