using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// Every raw-mode twin (tests/corpus/inbound-raw) through its own pipeline: it meets its own expectations, and it has
/// the same effect as its parsed-mode or JSON original (same outcome, ticket, message text, attachments, emails sent).
/// </summary>
[Collection(AzuriteCollection.Name)]
[TestCaseOrderer(CorpusCaseOrderer.TypeName, CorpusCaseOrderer.AssemblyName)]
public sealed class CorpusTwinTests(AzuriteFixture fixture, CorpusRun original, CorpusTwinRun twins) : IClassFixture<CorpusTwinRun>
{
    public static TheoryData<string> Cases => [.. CorpusLoader.Twins.FileNames];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Twin_RawMode_SameEffectAsTheOriginal(string name)
    {
        var twinCase = CorpusLoader.Twins.Get(name);

        var twin = await twins.RunAsync(name, fixture);
        var parsed = await original.RunAsync(name, fixture);

        Assert.True(
            twin.Failures.Count == 0,
            $"Raw twin {name} ({twinCase.Description}), expected outcome {twinCase.Expect.Outcome}:\n  - {string.Join("\n  - ", twin.Failures)}");
        Assert.True(parsed.Failures.Count == 0, $"The original {name} itself fails: {string.Join("; ", parsed.Failures)}");
        Assert.Equal(parsed.Fingerprint, twin.Fingerprint);
    }
}
