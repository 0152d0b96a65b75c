namespace ServerlessSupport.Testing;

/// <summary>Finds the checkout's root (the folder holding ServerlessSupport.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ServerlessSupport.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ServerlessSupport.sln was not found above {AppContext.BaseDirectory}.");
    }
}
