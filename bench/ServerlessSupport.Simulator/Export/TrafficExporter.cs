using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage;
using ServerlessSupport.Storage.Agents;

namespace ServerlessSupport.Simulator.Export;

/// <summary>
/// Reads every ticket, message and event of a storage account (or of one <c>Storage__Prefix</c> in it) through the app's
/// storage adapters and writes an <see cref="ExportFile"/>.
/// </summary>
internal static class TrafficExporter
{
    public static async Task<ExportFile> ExportAsync(string connectionString, string? prefix, bool placeholders, TimeProvider time, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage:Prefix"] = prefix,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(time)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSupportStorage(configuration);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ITicketStore>();
        var tickets = await provider.GetRequiredService<TableTicketQueries>().ListAsync([], null, cancellationToken);

        var customers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string Customer(string address) => !placeholders ? address
            : customers.TryGetValue(address, out var known) ? known
            : customers[address] = string.Create(CultureInfo.InvariantCulture, $"customer-{customers.Count + 1:D5}@example.invalid");
        string Actor(string actor) => placeholders && actor.Contains('@', StringComparison.Ordinal) ? (customers.ContainsKey(actor) ? Customer(actor) : "agent") : actor;

        var exported = new List<ExportedTicket>(tickets.Count);
        foreach (var ticket in tickets.OrderBy(t => t.CreatedAt))
        {
            var messages = await store.GetMessagesAsync(ticket.Id, cancellationToken);
            var events = await store.GetEventsAsync(ticket.Id, cancellationToken);
            var customer = Customer(ticket.Customer.Address);
            exported.Add(new ExportedTicket(
                ticket.Id.ToString(),
                ticket.CreatedAt,
                Name(OpenedWith(ticket, events)),
                Name(ticket.Status),
                customer,
                placeholders ? $"Ticket {exported.Count + 1}" : ticket.Subject,
                [.. messages.Select(m => new ExportedMessage(m.Sequence, m.At, Name(m.Direction), Actor(m.Author), placeholders ? null : m.Subject, placeholders ? null : m.DisplayText))],
                [.. events.Select(e => new ExportedEvent(e.Sequence, e.At, e.Kind, Actor(e.Actor), placeholders ? null : e.Detail, NewStatus(e)))]));
        }

        return new ExportFile(time.GetUtcNow(), placeholders, exported);
    }

    public static async Task WriteAsync(ExportFile file, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, file, ExportJsonContext.Default.ExportFile, cancellationToken);
    }

    public static async Task<ExportFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, ExportJsonContext.Default.ExportFile, cancellationToken)
            ?? throw new InvalidDataException($"{path} is not a traffic export.");
    }

    /// <summary>The priority the ticket was opened with: the first priority change's "from", else the current one.</summary>
    private static Priority OpenedWith(Ticket ticket, IReadOnlyList<TicketEvent> events)
    {
        // AgentActions and SlaActionComposer write "Priority {old} → {new} …" / "priority {old} → {new}".
        foreach (var e in events.Where(e => e.Kind is TicketEventKinds.PriorityChanged or TicketEventKinds.Escalated))
        {
            var arrow = e.Detail.IndexOf(" → ", StringComparison.Ordinal);
            var word = arrow > 0 ? e.Detail[..arrow].Split(' ')[^1] : null;
            if (word is not null && Enum.TryParse<Priority>(word, ignoreCase: true, out var old))
            {
                return old;
            }
        }

        return ticket.Priority;
    }

    /// <summary>A status change's new status, from the detail AgentActions writes ("Status open → solved by …").</summary>
    private static string? NewStatus(TicketEvent e)
    {
        if (e.Kind != TicketEventKinds.StatusChanged)
        {
            return e.Kind is TicketEventKinds.AutoClosed or TicketEventKinds.ClosedAfterSolve ? Name(TicketStatus.Closed) : null;
        }

        var arrow = e.Detail.IndexOf(" → ", StringComparison.Ordinal);
        var word = arrow > 0 ? e.Detail[(arrow + 3)..].Split(' ')[0].TrimEnd('.') : null;
        return word is not null && Enum.TryParse<TicketStatus>(word, ignoreCase: true, out var status) ? Name(status) : null;
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => AgentActions.Name(value);

    /// <summary>Reads a name written by <see cref="Name{TEnum}"/> (or any casing).</summary>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value : throw new InvalidDataException($"'{text}' is not a {typeof(TEnum).Name}.");
}
