using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>Stand-in values for placeholders, so cases can be built and parsed without a pipeline.</summary>
internal static class CorpusFakeValues
{
    public const string Support = "support@example.test";

    public static TicketId Ticket { get; } = TicketId.Parse("K7M2QX9P");

    public static string Resolve(string text) => CorpusPlaceholders.Resolve(text, (kind, other) => kind switch
    {
        CorpusPlaceholders.Support => Support,
        CorpusPlaceholders.Ticket => Ticket.Value,
        CorpusPlaceholders.Plus => TicketToken.PlusAddress(Ticket, Support),
        CorpusPlaceholders.AckMessageId => $"<T.{Ticket}.1.a1b2c3d4e5@example.test>",
        CorpusPlaceholders.MessageId => $"<original.{other}@example.com>",
        _ => throw new InvalidOperationException($"Unknown placeholder kind {kind}."),
    });
}
