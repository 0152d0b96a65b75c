namespace ServerlessSupport.Functions.Hosting;

/// <summary>The process the functions run in.</summary>
public enum AppHost
{
    /// <summary>The isolated worker under the Azure Functions host (Azure, or <c>func start</c>).</summary>
    FunctionsWorker,

    /// <summary>ServerlessSupport.Standalone: local runs, containers, tests and benchmarks.</summary>
    Standalone,
}
