using Xunit.Abstractions;
using Xunit.Sdk;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>Runs the corpus theory's rows in file-name order, so the log reads like the corpus (dependencies run anyway).</summary>
public sealed class CorpusCaseOrderer : ITestCaseOrderer
{
    public const string TypeName = "ServerlessSupport.Functions.Tests.Corpus.CorpusCaseOrderer";

    public const string AssemblyName = "ServerlessSupport.Functions.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethodArguments?.FirstOrDefault() as string ?? t.DisplayName, StringComparer.Ordinal);
}
