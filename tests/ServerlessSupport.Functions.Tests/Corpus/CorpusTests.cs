using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// Every case of tests/corpus/inbound through the real pipeline (webhook → queue → ProcessInbound → DispatchEmail →
/// local SendGrid) on Azurite, one shared pipeline, in file order.
/// </summary>
[Collection(AzuriteCollection.Name)]
[TestCaseOrderer(CorpusCaseOrderer.TypeName, CorpusCaseOrderer.AssemblyName)]
public sealed class CorpusTests(AzuriteFixture fixture, CorpusRun run)
{
    public static TheoryData<string> Cases => [.. CorpusLoader.FileNames];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_RunThroughPipeline_MeetsItsExpectations(string name)
    {
        var corpusCase = CorpusLoader.Get(name);

        var result = await run.RunAsync(name, fixture);

        Assert.True(
            result.Failures.Count == 0,
            $"Corpus case {name} ({corpusCase.Description}), expected outcome {corpusCase.Expect.Outcome}:\n  - {string.Join("\n  - ", result.Failures)}");
    }
}
