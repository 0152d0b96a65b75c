using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>JSON the corpus tests read besides case files (SendGrid's JSON-in-a-field values).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(CorpusExpectation))]
internal sealed partial class CorpusTestJsonContext : JsonSerializerContext;
