namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// One change to a ticket as a writer builds it: the ticket as the change leaves it, and what the change adds. Events,
/// messages and new outbox rows are numbered here, after the counts of the ticket the change starts from, and
/// <see cref="Build"/> moves those counts and <see cref="Ticket.UpdatedAt"/> along, so no writer numbers anything by hand.
/// A new ticket starts from itself with every count at zero.
/// </summary>
internal sealed class TicketCommitBuilder
{
    private readonly Ticket _before;
    private readonly DateTimeOffset _now;
    private readonly List<TicketEvent> _events = [];
    private readonly List<TicketMessage> _messages = [];
    private readonly List<OutboxItem> _outbox = [];
    private readonly List<string> _markers = [];
    private int _newOutbox;

    public TicketCommitBuilder(Ticket before, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        _before = before;
        _now = now;
        Ticket = before;
    }

    /// <summary>The ticket as it was read (its version guards the commit).</summary>
    public Ticket Before => _before;

    /// <summary>The ticket as the change leaves it; <see cref="Build"/> sets its counts and UpdatedAt.</summary>
    public Ticket Ticket { get; set; }

    public DateTimeOffset Now => _now;

    /// <summary>The sequence the next new outbox row gets.</summary>
    public int NextOutboxSequence => _before.OutboxCount + _newOutbox + 1;

    public IReadOnlyList<TicketEvent> Events => _events;

    public IReadOnlyList<OutboxItem> Outbox => _outbox;

    /// <summary>Adds an event, numbered after the ticket's last.</summary>
    public TicketCommitBuilder Event(string kind, string actor, string detail)
    {
        _events.Add(new(_before.EventCount + _events.Count + 1, kind, _now, actor, detail));
        return this;
    }

    /// <summary>Adds a message, numbered after the ticket's last; returns it as numbered.</summary>
    public TicketMessage Message(TicketMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var numbered = message with { Sequence = _before.MessageCount + _messages.Count + 1 };
        _messages.Add(numbered);
        return numbered;
    }

    /// <summary>Adds a new outbox row made for the sequence it gets (its Message-ID carries it); returns the row.</summary>
    public OutboxItem Email(Func<int, OutboxItem> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var sequence = NextOutboxSequence;
        var item = create(sequence);
        if (item.Sequence != sequence || item.Version is not null)
        {
            throw new InvalidOperationException($"A new outbox row must be made for sequence {sequence}.");
        }

        _outbox.Add(item);
        _newOutbox++;
        return item;
    }

    /// <summary>Replaces an existing outbox row (at the version it was read) in the same transaction.</summary>
    public TicketCommitBuilder Update(OutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Version is null)
        {
            throw new InvalidOperationException("Only an outbox row read from the store can be updated; add new ones with Email.");
        }

        _outbox.Add(item);
        return this;
    }

    /// <summary>A de-duplication marker: the same change committed twice fails as a whole (<see cref="TicketCommit.Markers"/>).</summary>
    public TicketCommitBuilder Marker(string key)
    {
        _markers.Add(key);
        return this;
    }

    public TicketCommit Build() => new(Ticket with
    {
        EventCount = _before.EventCount + _events.Count,
        MessageCount = _before.MessageCount + _messages.Count,
        OutboxCount = _before.OutboxCount + _newOutbox,
        UpdatedAt = _now,
    })
    {
        Events = [.. _events],
        Messages = [.. _messages],
        Outbox = [.. _outbox],
        Markers = [.. _markers],
    };
}
