using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// <c>{{support}}</c>, <c>{{ticket:CASE}}</c>, <c>{{ackMessageId:CASE}}</c>, <c>{{messageId:CASE}}</c> and <c>{{plus:CASE}}</c>
/// in case text, filled from the pipeline and from the results of earlier cases.
/// </summary>
internal static partial class CorpusPlaceholders
{
    public const string Support = "support";
    public const string Ticket = "ticket";
    public const string AckMessageId = "ackMessageId";
    public const string MessageId = "messageId";
    public const string Plus = "plus";

    /// <summary>Replaces every placeholder; <paramref name="value"/> gets the kind and the case name (null for support).</summary>
    public static string Resolve(string text, Func<string, string?, string> value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Pattern().Replace(text, m => m.Groups["case"].Success
            ? value(m.Groups["kind"].Value, m.Groups["case"].Value)
            : value(Support, null));
    }

    /// <summary>The case names referred to in <paramref name="text"/>.</summary>
    public static IEnumerable<string> ReferencedCases(string? text) =>
        text is null ? [] : Pattern().Matches(text).Where(m => m.Groups["case"].Success).Select(m => m.Groups["case"].Value);

    /// <summary>Any text that looks like a placeholder but is not one (a typo such as <c>{{ticket 01}}</c>).</summary>
    public static IEnumerable<string> Malformed(string? text) =>
        text is null ? [] : Braces().Matches(text).Select(m => m.Value).Where(v => !Pattern().IsMatch(v));

    /// <summary>Every text of a case that placeholders may appear in.</summary>
    public static IEnumerable<string> Texts(CorpusCase corpusCase)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        foreach (var value in corpusCase.Fields?.Values ?? Enumerable.Empty<string>())
        {
            yield return value;
        }

        foreach (var file in corpusCase.Files ?? [])
        {
            if (file.Text is not null)
            {
                yield return file.Text;
            }
        }

        if (corpusCase.RawBody is not null)
        {
            yield return corpusCase.RawBody;
        }

        if (corpusCase.Email is not null)
        {
            yield return corpusCase.Email;
        }

        if (corpusCase.EmailFile is not null)
        {
            yield return System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(CorpusLoader.MailFile(corpusCase.EmailFile)));
        }

        if (corpusCase.Json is not null)
        {
            foreach (var value in Strings(corpusCase.Json))
            {
                yield return value;
            }
        }
    }

    /// <summary>A deep copy of <paramref name="node"/> with placeholders in every string value (not in names) resolved.</summary>
    public static JsonNode? ResolveJson(JsonNode? node, Func<string, string> resolve) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ResolveJson(p.Value, resolve)))),
        JsonArray array => new JsonArray([.. array.Select(n => ResolveJson(n, resolve))]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(resolve(value.GetValue<string>())),
        _ => node.DeepClone(),
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    [GeneratedRegex(@"\{\{(?:(?<kind>ticket|ackMessageId|messageId|plus):(?<case>[0-9A-Za-z][0-9A-Za-z._-]*)|support)\}\}")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\{\{[^{}]*\}\}")]
    private static partial Regex Braces();
}
