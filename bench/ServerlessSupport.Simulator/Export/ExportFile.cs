using System.Text.Json.Serialization;

namespace ServerlessSupport.Simulator.Export;

/// <summary>
/// What <c>scripts/simulate.sh export</c> writes and <c>--traffic</c> reads: every ticket with its messages and events.
/// With placeholders (the default) addresses become <c>customer-00001@example.invalid</c> and subjects, texts and event
/// details are dropped; only times, kinds, directions and statuses are kept.
/// </summary>
internal sealed record ExportFile(DateTimeOffset ExportedAt, bool Placeholders, IReadOnlyList<ExportedTicket> Tickets);

internal sealed record ExportedTicket(
    string Id,
    DateTimeOffset CreatedAt,
    string Priority,
    string Status,
    string Customer,
    string Subject,
    IReadOnlyList<ExportedMessage> Messages,
    IReadOnlyList<ExportedEvent> Events);

/// <summary>A message: <c>inbound</c> (the customer), <c>outbound</c> (an agent's public reply) or <c>note</c>.</summary>
internal sealed record ExportedMessage(int Sequence, DateTimeOffset At, string Direction, string Author, string? Subject, string? Text);

/// <summary>An audit event; <see cref="Status"/> is the new status of a status change.</summary>
internal sealed record ExportedEvent(int Sequence, DateTimeOffset At, string Kind, string Actor, string? Detail, string? Status = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExportFile))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
