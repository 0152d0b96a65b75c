namespace ServerlessSupport.Testing.Hosts;

/// <summary>The process that runs the app's functions in a test, a benchmark or a fault run.</summary>
public enum HostKind
{
    /// <summary>The Azure Functions host running the published isolated-worker app, as Azure and <c>func start</c> run it.</summary>
    Real,

    /// <summary>ServerlessSupport.Standalone: the same functions from their attributes in one ASP.NET Core process.</summary>
    Standalone,
}

/// <summary>Parses the <c>--host real|standalone</c> option of the scripts.</summary>
public static class HostKinds
{
    /// <summary>The host a script runs when none is named: the real one where one is available.</summary>
    public static HostKind Default => FunctionsHost.Available is null ? HostKind.Standalone : HostKind.Real;

    public static HostKind Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" => Default,
        "real" => HostKind.Real,
        "standalone" => HostKind.Standalone,
        _ => throw new ArgumentException($"--host must be 'real' or 'standalone', not '{value}'.", nameof(value)),
    };

    public static string Name(this HostKind kind) => kind == HostKind.Real ? "real" : "standalone";
}
