using System.Security.Cryptography;
using System.Text.Json;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>
/// Standalone without <c>SendGrid__ApiKey</c>: mail goes to table DevOutbox (readable at GET /api/dev/outbox) and to the
/// log, so nothing is silently dropped while developing.
/// </summary>
internal sealed partial class LocalOutboxEmailSender(StorageTableClient table, TimeProvider time, ILogger<LocalOutboxEmailSender> logger) : IEmailSender
{
    public const string Partition = "mail";

    public async Task<SendResult> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var now = time.GetUtcNow();
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        var id = $"local-{Convert.ToHexStringLower(random)}";

        // Newest first: row keys count down from the end of time.
        var entity = new TableEntity(Partition, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{id}")
        {
            ["At"] = now,
            ["To"] = string.Join(", ", email.To.Select(t => t.Address)),
            ["Subject"] = email.Subject,
            ["Email"] = JsonSerializer.Serialize(email, StorageJsonContext.Default.OutboundEmail) is { Length: <= 30_000 } json ? json : null,
            ["Text"] = email.Text.Length <= 30_000 ? email.Text : email.Text[..30_000],
        };
        await table.AddAsync(entity, cancellationToken);
        LogStored(logger, string.Join(", ", email.To.Select(t => t.Address)), email.Subject);
        return new SendResult.Sent(id);
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "No SendGrid key: email to {To} kept in the local outbox (GET /api/dev/outbox): {Subject}")]
    private static partial void LogStored(ILogger logger, string to, string subject);
}
