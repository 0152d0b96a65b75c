using System.Text.Json;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>One folder of case files, read once, in file-name order (which is also run order).</summary>
internal sealed class CorpusSet(string folder)
{
    private readonly Lazy<IReadOnlyList<CorpusCase>> _all = new(() => LoadAll(folder));

    public string Folder => folder;

    public IReadOnlyList<CorpusCase> Cases => _all.Value;

    public IReadOnlyList<string> FileNames =>
        [.. Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public CorpusCase Get(string name) =>
        Cases.FirstOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"No corpus case named '{name}' in {folder}.");

    public bool Contains(string name) => Cases.Any(c => c.Name == name);

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

    private static IReadOnlyList<CorpusCase> LoadAll(string folder) =>
        [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];
}
