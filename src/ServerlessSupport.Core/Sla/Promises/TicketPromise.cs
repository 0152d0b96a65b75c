using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Sla.Promises;

/// <summary>What a promise to the customer is about: the first reply, the next update, or the solution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromiseKind>))]
internal enum PromiseKind
{
    FirstResponse,
    Update,
    Resolution,
}

/// <summary>Open until settled: kept in time, broken (its date passed), or replaced (by a newer promise of its kind, or the ticket's end).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromiseState>))]
internal enum PromiseState
{
    Open,
    Kept,
    Broken,
    Replaced,
}

/// <summary>
/// A promise made to the customer (docs/policy.md, "promises"), tracked like an SLA target: by whom and when it was made,
/// the date it names, and how it ended. <see cref="RemindAt"/> and <see cref="CheckAt"/> are derived by
/// <see cref="PromiseBook"/> and stored, so the due index needs no policy: the agents' reminder before the date, and when
/// the sweep checks whether it broke (the date, moved into the customer's daytime when an apology would follow).
/// </summary>
internal sealed record TicketPromise
{
    public required int Id { get; init; }

    public required PromiseKind Kind { get; init; }

    public required DateTimeOffset By { get; init; }

    /// <summary>The agent, or <c>system</c> for the acknowledgment's promise and the team's estimate after a broken one.</summary>
    public required string MadeBy { get; init; }

    public required DateTimeOffset MadeAt { get; init; }

    public PromiseState State { get; init; } = PromiseState.Open;

    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>The team's estimate from its pace rather than a person's word: the customer was told so.</summary>
    public bool Estimate { get; init; }

    public bool Reminded { get; init; }

    public DateTimeOffset? RemindAt { get; init; }

    public DateTimeOffset? CheckAt { get; init; }

    [JsonIgnore]
    public bool IsOpen => State == PromiseState.Open;
}
