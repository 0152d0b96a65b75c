using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Agents;

/// <summary>
/// Table AgentKeys, partition "profiles", row key = the agent's name in lower case: Name (as first saved), Id, Email,
/// NotifyNewTickets, NotifyCustomerReplies, NotifyAssignments. The Id is drawn once, when the row is inserted, and every
/// later save keeps it: saves write under the row's ETag and re-read on a conflict, so concurrent saves agree on one Id.
/// </summary>
/// <param name="newId">Draws a profile Id: 8 Crockford base32 characters (as a ticket number; tests pass their own).</param>
internal sealed class TableAgentDirectory(TableClient table, TimeProvider time, Func<string>? newId = null) : IAgentDirectory
{
    public static readonly TimeSpan ListCacheDuration = TimeSpan.FromMinutes(1);

    private const string Partition = "profiles";

    /// <summary>Attempts of one save; each lost race means another save of the same row just succeeded.</summary>
    private const int MaxAttempts = 5;

    private readonly Func<string> _newId = newId ?? (() => TicketId.New().Value);
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<AgentProfile>>? _list;
    private DateTimeOffset _listReadAt;
    private volatile bool _tableReady;

    public TableClient Table { get; } = table;

    public Task<IReadOnlyList<AgentProfile>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Task<IReadOnlyList<AgentProfile>> list;
        lock (_gate)
        {
            if (_list is null || _list.IsFaulted || _list.IsCanceled || now - _listReadAt >= ListCacheDuration)
            {
                // One read for every caller until it is a minute old; not tied to the first caller's cancellation.
                _list = ReadAllAsync();
                _listReadAt = now;
            }

            list = _list;
        }

        return list.WaitAsync(cancellationToken);
    }

    public async Task<AgentProfile?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!AgentKeyFormat.IsValidAgentName(name))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var entity = await Table.GetOrNullAsync(Partition, RowKey(name), null, cancellationToken);
        return entity is null ? null : ToProfile(entity);
    }

    public async Task<AgentProfile> SaveAsync(string name, string? email, AgentNotifications notify, CancellationToken cancellationToken)
    {
        if (!AgentKeyFormat.IsValidAgentName(name))
        {
            throw new ArgumentException("An agent name is 1-64 letters, digits or . _ @ + - (starting with a letter or digit).", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(notify);
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        await EnsureTableAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await Table.GetOrNullAsync(Partition, RowKey(name), null, cancellationToken);
                var profile = new AgentProfile(current?.GetString("Name") ?? name, current?.GetString("Id") ?? _newId(), email, notify);
                try
                {
                    if (current is null)
                    {
                        await Table.AddEntityAsync(ToEntity(profile), cancellationToken);
                    }
                    else
                    {
                        await Table.UpdateEntityAsync(ToEntity(profile), current.ETag, TableUpdateMode.Replace, cancellationToken);
                    }

                    return profile;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // Another save inserted or changed the row since our read: read its Id and write again.
                }
            }
        }
        finally
        {
            Invalidate();
        }
    }

    private void Invalidate()
    {
        lock (_gate)
        {
            _list = null;
        }
    }

    private async Task<IReadOnlyList<AgentProfile>> ReadAllAsync()
    {
        await EnsureTableAsync(CancellationToken.None);
        var profiles = await Table.ReadAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), ToProfile, CancellationToken.None);
        return [.. profiles.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }

    // Agent names are ASCII (AgentKeyFormat), so lower-casing them is culture-free and a valid row key.
    private static string RowKey(string name) => name.ToLowerInvariant();

    private static TableEntity ToEntity(AgentProfile p) => new TableEntity(Partition, RowKey(p.Name))
    {
        ["Name"] = p.Name,
        ["Id"] = p.Id,
        ["Email"] = p.Email,
        ["NotifyNewTickets"] = p.Notify.NewTickets,
        ["NotifyCustomerReplies"] = p.Notify.CustomerReplies,
        ["NotifyAssignments"] = p.Notify.Assignments,
    }.WithoutNulls();

    private static AgentProfile ToProfile(TableEntity e)
    {
        var defaults = AgentNotifications.Default;
        return new AgentProfile(
            e.GetString("Name") ?? e.RowKey,
            e.GetString("Id") ?? string.Empty,
            e.GetString("Email"),
            new AgentNotifications(
                e.GetBoolean("NotifyNewTickets") ?? defaults.NewTickets,
                e.GetBoolean("NotifyCustomerReplies") ?? defaults.CustomerReplies,
                e.GetBoolean("NotifyAssignments") ?? defaults.Assignments));
    }
}
