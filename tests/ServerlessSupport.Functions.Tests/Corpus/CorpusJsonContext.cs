using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>Strict reading of case files: an unknown member is an error, so a typo in an expectation cannot pass silently.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CorpusCase))]
internal sealed partial class CorpusJsonContext : JsonSerializerContext;
