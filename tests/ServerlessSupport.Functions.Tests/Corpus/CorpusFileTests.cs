using System.Text.Json;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>The case files themselves: they parse strictly, say something checkable, and refer only to what runs before them.</summary>
public sealed class CorpusFileTests
{
    public static TheoryData<string> Cases => [.. CorpusLoader.FileNames];

    public static TheoryData<string> Twins => [.. CorpusLoader.Twins.FileNames];

    [Fact]
    public void Twins_OneForEveryParsedAndJsonCase_AndNoStrays()
    {
        var needTwins = CorpusLoader.Cases.Where(c => c.Format != CorpusFormats.SendGridRaw).Select(c => c.Name).ToList();

        Assert.Equal(needTwins, CorpusLoader.Twins.FileNames);
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Twin_File_IsRawModeWithItsOriginalsExpectations(string name)
    {
        var twin = CorpusLoader.Twins.Get(name);
        var original = CorpusLoader.Get(name);

        Assert.Equal(CorpusFormats.SendGridRaw, twin.Format);
        Assert.Equal(original.After, twin.After);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(original.Expect, CorpusTestJsonContext.Default.CorpusExpectation),
            System.Text.Json.JsonSerializer.Serialize(twin.Expect, CorpusTestJsonContext.Default.CorpusExpectation));
        CheckCase(twin, CorpusLoader.Twins);
    }

    [Fact]
    public void Corpus_Folder_HoldsAtLeast32NumberedCases()
    {
        var names = CorpusLoader.FileNames;

        Assert.True(names.Count >= 32, $"only {names.Count} cases in {CorpusLoader.Folder}");
        Assert.All(names, n => Assert.Matches(@"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.Equal(names.Count, names.Select(n => n[..2]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Corpus_Outcomes_CoverEveryKind()
    {
        var outcomes = CorpusLoader.Cases.Select(c => c.Expect.Outcome).ToHashSet(StringComparer.Ordinal);

        Assert.All(CorpusFormats.Outcomes, o => Assert.Contains(o, outcomes));
        Assert.Contains(CorpusLoader.Cases, c => c.Repeat > 1);
        Assert.Contains(CorpusLoader.Cases, c => c.Auth == "none");
        Assert.Contains(CorpusLoader.Cases, c => c.OversizeBytes > 30L * 1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_File_ParsesWithKnownVocabulary(string name) => CheckCase(CorpusLoader.Get(name), CorpusLoader.Main);

    private static void CheckCase(CorpusCase c, CorpusSet set)
    {
        var raw = c.Format == CorpusFormats.SendGridRaw;
        var exactBody = c.RawBody is not null || c.RawBodyBase64 is not null || c.OversizeBytes is not null;
        var emails = new[] { c.Email, c.EmailBase64, c.EmailFile }.Count(e => e is not null);
        Assert.True(raw ? exactBody || emails == 1 : emails == 0, "a sendgrid-raw case needs exactly one of email, emailBase64, emailFile (others none)");
        Assert.True(c.EmailFile is null || File.Exists(CorpusLoader.MailFile(c.EmailFile)), $"emailFile {c.EmailFile} is missing");
        Assert.True(!raw || c.Fields is null || !c.Fields.ContainsKey("email"), "the email field comes from email/emailBase64/emailFile");
        Assert.All(c.After, a => Assert.True(set.Contains(a), $"after: {a} is not a case of {set.Folder}"));

        Assert.False(string.IsNullOrWhiteSpace(c.Description));
        Assert.Contains(c.Format, CorpusFormats.Formats);
        Assert.Contains(c.Expect.Outcome, CorpusFormats.Outcomes);
        Assert.Contains(c.Expect.Status, new[] { 200, 401, 413 });
        Assert.Contains(c.Auth, new[] { "key", "none" });
        Assert.InRange(c.Repeat, 1, 5);
        Assert.True(c.Expect.Status == 200 || c.Expect.Outcome == CorpusFormats.Rejected, "a non-200 answer must be outcome rejected");
        Assert.True(c.Expect.Status != 200 || c.Expect.Outcome != CorpusFormats.Rejected, "outcome rejected needs a non-200 status");
        Assert.True(!c.Expect.Ack || c.Expect.Outcome == CorpusFormats.NewTicket, "only a new ticket is acknowledged");
        if (c.Expect.MailKind is { } kind)
        {
            Assert.Contains(kind, CorpusFormats.MailKinds);
        }

        if (c.Expect.Priority is { } priority)
        {
            Assert.True(Enum.TryParse<Core.Tickets.Priority>(priority, ignoreCase: true, out _), $"unknown priority {priority}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_References_OnlyEarlierCasesListedInAfter(string name) => CheckReferences(CorpusLoader.Get(name), CorpusLoader.Main);

    [Theory]
    [MemberData(nameof(Twins))]
    public void Twin_References_OnlyEarlierTwinsListedInAfter(string name) => CheckReferences(CorpusLoader.Twins.Get(name), CorpusLoader.Twins);

    [Theory]
    [MemberData(nameof(Twins))]
    public void Twin_Payload_BuildsAndAgreesWithCharsets(string name) => CheckPayload(CorpusLoader.Twins.Get(name));

    private static void CheckReferences(CorpusCase c, CorpusSet set)
    {
        var name = c.Name;
        var names = set.FileNames;

        Assert.All(c.After, a => Assert.True(names.Contains(a) && string.CompareOrdinal(a, name) < 0, $"after: {a} is not an earlier case"));
        var referenced = CorpusPlaceholders.Texts(c).Concat(ExpectationTexts(c)).SelectMany(CorpusPlaceholders.ReferencedCases).Distinct();
        Assert.All(referenced, r => Assert.True(c.After.Contains(r), $"{{{{…:{r}}}}} is used but {r} is not in \"after\""));
        Assert.Empty(CorpusPlaceholders.Texts(c).Concat(ExpectationTexts(c)).SelectMany(CorpusPlaceholders.Malformed));
        if (CorpusFormats.IsThreaded(c.Expect.Outcome))
        {
            Assert.True(c.Expect.ThreadsTo is { } to && c.After.Contains(to), "a threaded outcome needs threadsTo, listed in after");
        }
        else
        {
            Assert.Null(c.Expect.ThreadsTo);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_Payload_BuildsAndAgreesWithCharsets(string name) => CheckPayload(CorpusLoader.Get(name));

    private static void CheckPayload(CorpusCase c)
    {

        var payload = CorpusPayloadBuilder.Build(c, CorpusFakeValues.Resolve);

        Assert.NotEmpty(payload.Body);
        Assert.Equal(CorpusFormats.Route(c.Format), payload.Kind);
        Assert.Equal(c.Auth != "none", payload.Authenticate);
        if (c.OversizeBytes is { } size)
        {
            Assert.Equal(size, payload.Body.LongLength);
        }

        var exactBody = c.RawBody is not null || c.RawBodyBase64 is not null || c.OversizeBytes is not null;
        Assert.True(exactBody || (c.Format == CorpusFormats.Json) == (c.Json is not null), "json cases need \"json\", sendgrid cases must not have it");
        Assert.True(exactBody || c.Format != CorpusFormats.SendGrid || c.Fields is not null, "sendgrid cases need \"fields\"");

        // fieldEncodings says how the bytes are written; SendGrid's charsets field must name the same charset.
        var charsets = c.Fields?.TryGetValue("charsets", out var declared) == true
            ? JsonSerializer.Deserialize(declared, CorpusTestJsonContext.Default.DictionaryStringString) ?? []
            : [];
        foreach (var (field, encoding) in c.FieldEncodings ?? [])
        {
            Assert.True(c.Fields?.ContainsKey(field), $"fieldEncodings names {field}, which is not a field");
            Assert.True(
                charsets.TryGetValue(field, out var charset) && string.Equals(charset, encoding, StringComparison.OrdinalIgnoreCase),
                $"fieldEncodings {field}={encoding} but charsets says {charset ?? "nothing"}");
        }
    }

    private static IEnumerable<string> ExpectationTexts(CorpusCase c) =>
        new[] { c.Expect.Subject, c.Expect.SubjectNotContains, c.Expect.DisplayTextContains, c.Expect.DisplayTextNotContains, c.Expect.FullTextContains, c.Expect.Customer, c.Expect.CustomerName }
            .OfType<string>();
}
