using System.Text.Json;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>Reads every case of tests/corpus/inbound in file-name order (which is also run order).</summary>
internal static class CorpusLoader
{
    private static readonly Lazy<IReadOnlyList<CorpusCase>> All = new(LoadAll);

    public static string Folder => RepositoryRoot.Combine("tests", "corpus", "inbound");

    public static IReadOnlyList<CorpusCase> Cases => All.Value;

    public static IReadOnlyList<string> FileNames =>
        [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static CorpusCase Get(string name) =>
        Cases.FirstOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"No corpus case named '{name}' in {Folder}.");

    public static CorpusCase Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        try
        {
            var corpusCase = JsonSerializer.Deserialize(File.ReadAllBytes(path), CorpusJsonContext.Default.CorpusCase)
                ?? throw new InvalidDataException("the file holds null");
            corpusCase.Name = name;
            return corpusCase;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Corpus case {name}: {ex.Message}", ex);
        }
    }

    private static IReadOnlyList<CorpusCase> LoadAll() =>
        [.. FileNames.Select(n => Load(Path.Combine(Folder, n + ".json")))];
}
