namespace ServerlessSupport.Storage;

/// <summary>
/// The names of every table, queue and container the app uses, optionally under a prefix (setting <c>Storage__Prefix</c>)
/// so several deployments or test runs can share one account. In Azure the prefix stays empty: the functions' triggers
/// name the queues the host polls.
/// </summary>
public sealed class StorageNames
{
    public const string Tickets = "Tickets";
    public const string MessageIds = "MessageIds";
    public const string Senders = "Senders";
    public const string IntakeRecords = "IntakeRecords";
    public const string Due = "Due";
    public const string DevOutbox = "DevOutbox";

    public const string InboundContainer = "inbound";
    public const string QuarantineContainer = "quarantine";
    public const string AttachmentContainer = "attachments";

    public StorageNames(string? prefix = null)
    {
        Prefix = (prefix ?? string.Empty).Trim().ToLowerInvariant();
        if (Prefix.Length > 20 || !Prefix.All(char.IsAsciiLetterOrDigit) || (Prefix.Length > 0 && !char.IsAsciiLetter(Prefix[0])))
        {
            throw new ArgumentException("The storage prefix must be at most 20 ASCII letters or digits, starting with a letter.", nameof(prefix));
        }
    }

    public string Prefix { get; }

    public static IReadOnlyList<string> AllTables { get; } = [Tickets, MessageIds, Senders, IntakeRecords, Due, DevOutbox];

    public static IReadOnlyList<string> AllContainers { get; } = [InboundContainer, QuarantineContainer, AttachmentContainer];

    /// <summary>The work queues and the poison queues the Functions host (or the standalone host) moves failures to.</summary>
    public static IReadOnlyList<string> AllQueues { get; } =
        [Core.Queues.QueueNames.Inbound, Core.Queues.QueueNames.Inbound + PoisonSuffix, Core.Queues.QueueNames.Outbound, Core.Queues.QueueNames.Outbound + PoisonSuffix];

    public const string PoisonSuffix = "-poison";

    public string Table(string name) => Prefix + name;

    public string Queue(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";

    public string Container(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";
}
