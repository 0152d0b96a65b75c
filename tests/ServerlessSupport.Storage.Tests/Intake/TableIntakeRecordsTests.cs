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
        Assert.Equal(new IntakeRecord("r1", IntakeRecord.Quarantined, At, "second", "2026/r1", "a@example.com", "Hi"), record with { Version = null });
    }

    [Fact]
    public async Task TrySetOutcomeAsync_AtTheVersionRead_WritesItAndARedeliveryKeepsIt()
    {
        var records = new TableIntakeRecords(await fixture.NewTableAsync("records"));
        var original = new IntakeRecord("r1", IntakeRecord.AutomaticUnthreaded, At, "AutoReply: Auto-Submitted", "2026/r1", "a@example.com", "Away");
        await records.RecordAsync(original, default);
        var read = (await records.GetAsync("r1", default))!;

        var recovered = read with { Outcome = IntakeRecord.Recovered, OutcomeBy = "alice", OutcomeAt = At.AddHours(1), Ticket = "K7M2QX9P" };
        Assert.True(await records.TrySetOutcomeAsync(recovered, default));
        Assert.False(await records.TrySetOutcomeAsync(read with { Outcome = IntakeRecord.Dismissed, OutcomeBy = "bob" }, default));
        await records.RecordAsync(original, default);

        var final = (await records.GetAsync("r1", default))!;
        Assert.Equal((IntakeRecord.Recovered, "alice", At.AddHours(1), "K7M2QX9P"), (final.Outcome, final.OutcomeBy, final.OutcomeAt!.Value, final.Ticket));
        Assert.Null(await records.GetAsync("nope", default));
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
