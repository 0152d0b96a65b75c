using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>Maps the ticket domain records to table entities and back. Enums are stored by name so rows stay readable.</summary>
internal static class TicketEntityMapper
{
    private const int MaxTextChars = 30_000;

    public static TableEntity ToEntity(Ticket ticket)
    {
        var e = new TableEntity(ticket.Id.ToString(), TicketRows.TicketKey)
        {
            ["Status"] = ticket.Status.ToString(),
            ["Priority"] = ticket.Priority.ToString(),
            // Names and addresses come from the sender: capped like the subject, or one absurd From line fails the
            // ticket's whole transaction (64 KiB per property) on every delivery until the message is poisoned.
            ["CustomerAddress"] = Cap(ticket.Customer.Address),
            ["CustomerName"] = CapOrNull(ticket.Customer.Name),
            ["Subject"] = Cap(ticket.Subject),
            ["Assignee"] = ticket.Assignee,
            ["CreatedAt"] = ticket.CreatedAt,
            ["UpdatedAt"] = ticket.UpdatedAt,
            ["LastCustomerMessageId"] = ticket.LastCustomerMessageId,
            ["References"] = string.Join(' ', ticket.References),
            ["MessageCount"] = ticket.MessageCount,
            ["EventCount"] = ticket.EventCount,
            ["OutboxCount"] = ticket.OutboxCount,
            ["AcknowledgedAt"] = ticket.AcknowledgedAt,
            ["FirstResponseDue"] = ticket.FirstResponseDue,
            ["FirstRespondedAt"] = ticket.FirstRespondedAt,
            ["LastCustomerMessageAt"] = ticket.LastCustomerMessageAt,
            ["LastAgentUpdateAt"] = ticket.LastAgentUpdateAt,
            ["SolvedAt"] = ticket.SolvedAt,
            ["OriginMessageId"] = ticket.OriginMessageId,
            ["Language"] = ticket.Language,
            ["CustomerOffsetMinutes"] = ticket.CustomerUtcOffset is { } offset ? (int)offset.TotalMinutes : null,
            ["Participants"] = ticket.Participants.Count == 0 ? null : Cap(JsonSerializer.Serialize(ticket.Participants.ToList(), StorageJsonContext.Default.ListMailbox)),
            ["ResolutionCount"] = ticket.ResolutionCount == 0 ? null : ticket.ResolutionCount,
            ["FirstResponseTicks"] = ticket.FirstResponseTime?.Ticks,
            ["FirstResponsePriority"] = ticket.FirstResponsePriority?.ToString(),
            ["ResolutionTicks"] = ticket.ResolutionTime?.Ticks,
            ["ResolutionPriority"] = ticket.ResolutionPriority?.ToString(),
            ["ResolvedAt"] = ticket.ResolvedAt,
            ["LastReplyExcerpt"] = ticket.LastReplyExcerpt,
            ["LastCustomerExcerpt"] = ticket.LastCustomerExcerpt,
        };
        SlaEntityMapper.Write(e, ticket.Sla);
        return e.WithoutNulls();
    }

    public static Ticket ToTicket(TableEntity e) => new()
    {
        Id = TicketId.Parse(e.PartitionKey),
        Status = Enum.Parse<TicketStatus>(e.GetString("Status") ?? nameof(TicketStatus.Open)),
        Priority = Enum.Parse<Priority>(e.GetString("Priority") ?? nameof(Priority.Normal)),
        Customer = new Mailbox(e.GetString("CustomerAddress") ?? string.Empty, e.GetString("CustomerName")),
        Subject = e.GetString("Subject") ?? string.Empty,
        Assignee = e.GetString("Assignee"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        LastCustomerMessageId = e.GetString("LastCustomerMessageId"),
        References = (e.GetString("References") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        MessageCount = e.GetInt32("MessageCount") ?? 0,
        EventCount = e.GetInt32("EventCount") ?? 0,
        OutboxCount = e.GetInt32("OutboxCount") ?? 0,
        AcknowledgedAt = e.GetDateTimeOffset("AcknowledgedAt"),
        FirstResponseDue = e.GetDateTimeOffset("FirstResponseDue"),
        FirstRespondedAt = e.GetDateTimeOffset("FirstRespondedAt"),
        LastCustomerMessageAt = e.GetDateTimeOffset("LastCustomerMessageAt"),
        LastAgentUpdateAt = e.GetDateTimeOffset("LastAgentUpdateAt"),
        SolvedAt = e.GetDateTimeOffset("SolvedAt"),
        OriginMessageId = e.GetString("OriginMessageId"),
        Language = e.GetString("Language") ?? Core.Languages.CustomerLanguages.Fallback,
        CustomerUtcOffset = e.GetInt32("CustomerOffsetMinutes") is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        Participants = e.GetString("Participants") is { } participants
            ? JsonSerializer.Deserialize(participants, StorageJsonContext.Default.ListMailbox) ?? []
            : [],
        ResolutionCount = e.GetInt32("ResolutionCount") ?? 0,
        FirstResponseTime = e.GetInt64("FirstResponseTicks") is { } ticks ? TimeSpan.FromTicks(ticks) : null,
        FirstResponsePriority = Enum.TryParse<Priority>(e.GetString("FirstResponsePriority"), out var measuredOn) ? measuredOn : null,
        ResolutionTime = e.GetInt64("ResolutionTicks") is { } resolutionTicks ? TimeSpan.FromTicks(resolutionTicks) : null,
        ResolutionPriority = Enum.TryParse<Priority>(e.GetString("ResolutionPriority"), out var resolvedOn) ? resolvedOn : null,
        ResolvedAt = e.GetDateTimeOffset("ResolvedAt"),
        LastReplyExcerpt = e.GetString("LastReplyExcerpt"),
        LastCustomerExcerpt = e.GetString("LastCustomerExcerpt"),
        Sla = SlaEntityMapper.Read(e),
        Version = e.ETag.ToString(),
    };

    public static TableEntity ToEntity(TicketId ticket, TicketMessage m)
    {
        var e = new TableEntity(ticket.ToString(), TicketRows.Message(m.Sequence))
        {
            ["Direction"] = m.Direction.ToString(),
            ["At"] = m.At,
            ["Author"] = CapOrNull(m.Author),
            ["AuthorName"] = CapOrNull(m.AuthorName),
            ["Subject"] = Cap(m.Subject),
            ["MessageId"] = m.MessageId,
            ["AutomaticReason"] = m.AutomaticReason,
            ["RawPointer"] = m.RawPointer,
            ["UnverifiedSender"] = m.UnverifiedSender ? true : null,
            ["Attachments"] = m.Attachments.Count == 0 ? null : JsonSerializer.Serialize(m.Attachments.ToList(), StorageJsonContext.Default.ListStoredAttachment),
        };
        LargeText.Write(e, "DisplayText", m.DisplayText, maxChunks: 4);
        LargeText.Write(e, "FullText", m.FullText, maxChunks: 8);
        return e.WithoutNulls();
    }

    public static TicketMessage ToMessage(TableEntity e) => new()
    {
        Sequence = SequenceOf(e.RowKey),
        Direction = Enum.Parse<MessageDirection>(e.GetString("Direction") ?? nameof(MessageDirection.Inbound)),
        At = e.GetDateTimeOffset("At") ?? default,
        Author = e.GetString("Author") ?? string.Empty,
        AuthorName = e.GetString("AuthorName"),
        Subject = e.GetString("Subject") ?? string.Empty,
        DisplayText = LargeText.Read(e, "DisplayText") ?? string.Empty,
        FullText = LargeText.Read(e, "FullText") ?? string.Empty,
        MessageId = e.GetString("MessageId"),
        AutomaticReason = e.GetString("AutomaticReason"),
        RawPointer = e.GetString("RawPointer"),
        UnverifiedSender = e.GetBoolean("UnverifiedSender") ?? false,
        Attachments = e.GetString("Attachments") is { } json
            ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListStoredAttachment) ?? []
            : [],
    };

    public static TableEntity ToEntity(TicketId ticket, TicketEvent evt) => new TableEntity(ticket.ToString(), TicketRows.Event(evt.Sequence))
    {
        ["Kind"] = evt.Kind,
        ["At"] = evt.At,
        ["Actor"] = evt.Actor,
        ["Detail"] = Cap(evt.Detail),
    }.WithoutNulls();

    public static TicketEvent ToEvent(TableEntity e) => new(
        SequenceOf(e.RowKey),
        e.GetString("Kind") ?? string.Empty,
        e.GetDateTimeOffset("At") ?? default,
        e.GetString("Actor") ?? string.Empty,
        e.GetString("Detail") ?? string.Empty);

    public static TableEntity ToEntity(OutboxItem item)
    {
        var e = new TableEntity(item.TicketId.ToString(), item.RowKey)
        {
            ["Kind"] = item.Kind,
            ["State"] = item.State.ToString(),
            ["CreatedAt"] = item.CreatedAt,
            ["Attempts"] = item.Attempts,
            ["ClaimedUntil"] = item.ClaimedUntil,
            ["SentAt"] = item.SentAt,
            ["ProviderMessageId"] = item.ProviderMessageId,
            ["Error"] = item.Error is null ? null : Cap(item.Error),
            ["To"] = string.Join(", ", item.Email.To.Select(t => t.Address)),
        };
        LargeText.Write(e, "Email", JsonSerializer.Serialize(item.Email, StorageJsonContext.Default.OutboundEmail), maxChunks: 12);
        if (item.Version is not null)
        {
            e.ETag = new ETag(item.Version);
        }

        return e.WithoutNulls();
    }

    public static OutboxItem ToOutbox(TableEntity e) => new()
    {
        TicketId = TicketId.Parse(e.PartitionKey),
        Sequence = SequenceOf(e.RowKey),
        Kind = e.GetString("Kind") ?? string.Empty,
        State = Enum.Parse<OutboxState>(e.GetString("State") ?? nameof(OutboxState.Pending)),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        Attempts = e.GetInt32("Attempts") ?? 0,
        ClaimedUntil = e.GetDateTimeOffset("ClaimedUntil"),
        SentAt = e.GetDateTimeOffset("SentAt"),
        ProviderMessageId = e.GetString("ProviderMessageId"),
        Error = e.GetString("Error"),
        Email = JsonSerializer.Deserialize(LargeText.Read(e, "Email") ?? "null", StorageJsonContext.Default.OutboundEmail)
            ?? throw new InvalidDataException($"Outbox row {e.PartitionKey}/{e.RowKey} has no email."),
        Version = e.ETag.ToString(),
    };

    public static TableEntity Marker(TicketId ticket, string key, DateTimeOffset at) =>
        new(ticket.ToString(), TicketRows.Marker(key)) { ["At"] = at };

    private static int SequenceOf(string rowKey) =>
        int.Parse(rowKey.AsSpan(rowKey.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Cap(string value) => value.Length <= MaxTextChars ? value : value[..MaxTextChars];

    private static string? CapOrNull(string? value) => value is null ? null : Cap(value);
}
