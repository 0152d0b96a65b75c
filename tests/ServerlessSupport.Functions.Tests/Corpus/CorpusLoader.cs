using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// The corpus: tests/corpus/inbound (every case, run in file-name order) and tests/corpus/inbound-raw (the raw-mode
/// twin of each parsed-mode and JSON case, under the same name); raw messages in tests/corpus/mail.
/// </summary>
internal static class CorpusLoader
{
    public static CorpusSet Main { get; } = new(RepositoryRoot.Combine("tests", "corpus", "inbound"));

    public static CorpusSet Twins { get; } = new(RepositoryRoot.Combine("tests", "corpus", "inbound-raw"));

    public static string MailFolder => RepositoryRoot.Combine("tests", "corpus", "mail");

    public static string Folder => Main.Folder;

    public static IReadOnlyList<CorpusCase> Cases => Main.Cases;

    public static IReadOnlyList<string> FileNames => Main.FileNames;

    public static CorpusCase Get(string name) => Main.Get(name);

    /// <summary>The path of a raw message named by <c>emailFile</c>; only plain names inside the mail folder.</summary>
    public static string MailFile(string name) =>
        name.IndexOfAny(['/', '\\']) < 0 && !name.StartsWith('.')
            ? Path.Combine(MailFolder, name)
            : throw new InvalidDataException($"emailFile '{name}' must be a file name in {MailFolder}.");
}
