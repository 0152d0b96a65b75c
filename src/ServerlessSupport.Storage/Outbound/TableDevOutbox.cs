using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Storage.Outbound;

/// <summary>
/// The local outbox (standalone without <c>SendGrid__ApiKey</c>): mail goes to table DevOutbox, newest first, and to the
/// log, so nothing is silently dropped while developing. GET /api/dev/outbox reads it back.
/// </summary>
internal sealed partial class TableDevOutbox(TableClient table, TimeProvider time, ILogger<TableDevOutbox> logger) : IEmailSender
{
    public const string Partition = "mail";

    private const int MaxChars = 30_000;

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
            ["Cc"] = email.Cc.Count == 0 ? null : string.Join(", ", email.Cc.Select(t => t.Address)),
            ["Subject"] = email.Subject,
            ["Headers"] = JsonSerializer.Serialize(new Dictionary<string, string>(OutboundHeaders.For(email)), StorageJsonContext.Default.DictionaryStringString),
            ["Email"] = JsonSerializer.Serialize(email, StorageJsonContext.Default.OutboundEmail) is { Length: <= MaxChars } json ? json : null,
            ["Text"] = email.Text.Length <= MaxChars ? email.Text : email.Text[..MaxChars],
        };
        await table.AddEntityAsync(entity.WithoutNulls(), cancellationToken);
        LogStored(logger, string.Join(", ", email.To.Select(t => t.Address)), email.Subject);
        return new SendResult.Sent(id);
    }

    /// <summary>The newest <paramref name="max"/> emails kept.</summary>
    public async Task<IReadOnlyList<DevOutboxMail>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var mails = new List<DevOutboxMail>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(max, 1, 1000), cancellationToken: cancellationToken))
        {
            var headers = e.GetString("Headers") is { } json ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString) : null;
            mails.Add(new DevOutboxMail(e.GetDateTimeOffset("At"), e.GetString("To"), e.GetString("Cc"), e.GetString("Subject"), headers ?? [], e.GetString("Text")));
            if (mails.Count >= max)
            {
                break;
            }
        }

        return mails;
    }

    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "No SendGrid key: email to {To} kept in the local outbox (GET /api/dev/outbox): {Subject}")]
    private static partial void LogStored(ILogger logger, string to, string subject);
}

/// <summary>One email of the local outbox as the dev endpoint shows it, with the header fields SendGrid would have sent.</summary>
internal sealed record DevOutboxMail(DateTimeOffset? At, string? To, string? Cc, string? Subject, IReadOnlyDictionary<string, string> Headers, string? Text);
