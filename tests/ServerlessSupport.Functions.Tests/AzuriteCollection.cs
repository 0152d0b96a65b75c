using ServerlessSupport.Functions.Tests.Corpus;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests;

/// <summary>
/// Every test class in this project that needs storage joins this collection and shares one Azurite, and the corpus
/// tests share one run of the corpus (its pipeline starts on first use).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<CorpusRun>
{
    public const string Name = "Azurite";
}
