using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Simulator.Export;

/// <summary>
/// Reads every ticket, message and event of a storage account (or of one <c>Storage__Prefix</c> in it) through the app's
/// storage adapters and writes an <see cref="ExportFile"/>.
/// </summary>
internal static class TrafficExporter
{
    private const string Arrow = " → ";

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

    /// <summary>
    /// The priority the traffic asks for: what an agent last set it to (triage), else what it had before its first
    /// escalation raised it, else the current one. Escalations are the policy's doing, so a replay must not inherit them.
    /// </summary>
    private static Priority OpenedWith(Ticket ticket, IReadOnlyList<TicketEvent> events)
    {
        // AgentActions writes "Priority {old} → {new} by {agent}."; SlaActionComposer "…; priority {old} → {new}".
        if (events.LastOrDefault(e => e.Kind == TicketEventKinds.PriorityChanged) is { } triage && PriorityChange(triage.Detail) is { } set)
        {
            return set.After;
        }

        if (events.FirstOrDefault(e => e.Kind == TicketEventKinds.Escalated && PriorityChange(e.Detail) is not null) is { } escalated)
        {
            return PriorityChange(escalated.Detail)!.Value.Before;
        }

        return ticket.Priority;
    }

    private static (Priority Before, Priority After)? PriorityChange(string detail)
    {
        var arrow = detail.IndexOf(Arrow, StringComparison.Ordinal);
        if (arrow <= 0)
        {
            return null;
        }

        var before = detail[..arrow].Split(' ')[^1];
        return Enum.TryParse<Priority>(before, ignoreCase: true, out var b) && Enum.TryParse<Priority>(WordAfterArrow(detail), ignoreCase: true, out var a) ? (b, a) : null;
    }

    /// <summary>A status change's new status, from the detail AgentActions writes ("Status open → solved by …").</summary>
    private static string? NewStatus(TicketEvent e)
    {
        if (e.Kind != TicketEventKinds.StatusChanged)
        {
            return e.Kind is TicketEventKinds.AutoClosed or TicketEventKinds.ClosedAfterSolve ? Name(TicketStatus.Closed) : null;
        }

        return Enum.TryParse<TicketStatus>(WordAfterArrow(e.Detail), ignoreCase: true, out var status) ? Name(status) : null;
    }

    /// <summary>The word after " → " in an event's detail ("… open → solved by …" gives "solved"), or null.</summary>
    private static string? WordAfterArrow(string detail)
    {
        var arrow = detail.IndexOf(Arrow, StringComparison.Ordinal);
        return arrow > 0 ? detail[(arrow + Arrow.Length)..].Split(' ')[0].TrimEnd('.', ';') : null;
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => AgentActions.Name(value);

    /// <summary>Reads a name written by <see cref="Name{TEnum}"/> (or any casing).</summary>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value : throw new InvalidDataException($"'{text}' is not a {typeof(TEnum).Name}.");
}
