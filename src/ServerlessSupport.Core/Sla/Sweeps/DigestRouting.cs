using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// Which notices of one sweep run go out together (docs/architecture.md, "Digests"). Notices for the same recipient(s)
/// form a group; a group that covers two or more tickets is one digest email (at most <see cref="MaxNotices"/> lines; a
/// larger group is cut into several). Several notices of one ticket alone stay separate emails on its own thread. The digest rides in the outbox of its anchor, the group's smallest ticket id, in that ticket's own
/// commit; the other tickets' commits record that their notice was included and send nothing themselves.
/// <para>
/// Order makes it safe: the sweep commits every anchor first (ascending id, so an anchor that is also a member of an
/// earlier group finds that group's digest committed), then the rest. A member is counted as included only in a digest
/// whose anchor commit succeeded; otherwise it sends its notice on its own. A crash between the anchor's commit and a
/// member's leaves the member's due row, so the next run mentions that ticket again: at worst a ticket is named twice,
/// never is an email sent twice (each is one outbox row). When an anchor's commit conflicts and the anchor then has
/// nothing due for the digest (another run, overlapping this one, did it), the digest is abandoned and its members are
/// left for the run that sent it: their due rows stay, so a crash of that run only delays them to the next.
/// </para>
/// </summary>
internal sealed class DigestRouting
{
    public const int MaxNotices = 50;

    private readonly Dictionary<(TicketId Ticket, string Id), DigestGroup> _byNotice = [];
    private readonly Dictionary<TicketId, List<DigestGroup>> _byAnchor = [];

    private DigestRouting(IReadOnlyList<DigestGroup> groups)
    {
        Groups = groups;
        foreach (var group in groups)
        {
            foreach (var notice in group.Notices)
            {
                _byNotice[(notice.Ticket, notice.Id)] = group;
            }

            (_byAnchor.TryGetValue(group.Anchor, out var list) ? list : _byAnchor[group.Anchor] = []).Add(group);
        }
    }

    public static DigestRouting None { get; } = new([]);

    public IReadOnlyList<DigestGroup> Groups { get; }

    /// <summary>The tickets that anchor a digest, in the order they must be committed.</summary>
    public IReadOnlyList<TicketId> Anchors => [.. _byAnchor.Keys.OrderBy(t => t.Value, StringComparer.Ordinal)];

    public static DigestRouting Plan(IEnumerable<SlaNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var groups = new List<DigestGroup>();
        foreach (var byRecipient in notices.GroupBy(n => n.RecipientKey, StringComparer.Ordinal))
        {
            var ordered = byRecipient.OrderBy(n => n.Ticket.Value, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
            foreach (var chunk in ordered.Chunk(MaxNotices).Where(c => c.Select(n => n.Ticket).Distinct().Count() >= 2))
            {
                groups.Add(new DigestGroup(groups.Count + 1, chunk));
            }
        }

        return new DigestRouting(groups);
    }

    /// <summary>The digest a notice belongs to, if any.</summary>
    public DigestGroup? GroupOf(SlaNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return _byNotice.GetValueOrDefault((notice.Ticket, notice.Id));
    }

    /// <summary>The digests <paramref name="ticket"/> carries in its own outbox.</summary>
    public IReadOnlyList<DigestGroup> AnchoredBy(TicketId ticket) => _byAnchor.TryGetValue(ticket, out var list) ? list : [];
}

/// <summary>One digest: its notices (the anchor's among them) and, once the anchor's commit succeeded, its outbox row.</summary>
internal sealed class DigestGroup(int number, IReadOnlyList<SlaNotice> notices)
{
    public int Number { get; } = number;

    public IReadOnlyList<SlaNotice> Notices { get; } = notices;

    public TicketId Anchor => Notices[0].Ticket;

    /// <summary>The anchor's outbox row that carries it; null until the anchor's commit succeeded (or when it dropped the digest).</summary>
    public int? CommittedSequence { get; private set; }

    /// <summary>The anchor no longer had its notice for it (another run did it): members leave their rows to that run.</summary>
    public bool Abandoned { get; private set; }

    public void Committed(int sequence) => CommittedSequence = sequence;

    public void Abandon() => Abandoned = true;
}
