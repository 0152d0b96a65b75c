using ServerlessSupport.Testing;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>Every test class in this project that needs storage joins this collection and shares one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
