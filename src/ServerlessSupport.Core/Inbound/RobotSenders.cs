using System.Text.RegularExpressions;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Sender addresses that belong to software rather than people, in one place. Helpdesks (Zammad, FreeScout, RT) keep
/// such lists; each rule here says why it holds and gives a real-world example. A rule is <em>certain</em> when people
/// do not write from such an address, and <em>probable</em> when they sometimes do: probable mail still opens a ticket,
/// without an acknowledgment. Only From and Sender are looked at: a person's mail with a no-reply Reply-To (a web form,
/// a mailing tool) is a person's mail, and is answered at its From address.
/// </summary>
internal static partial class RobotSenders
{
    /// <summary>A sender rule that matched: what kind of sender it is, whether that is certain, and why.</summary>
    public readonly record struct Match(MailKind Kind, bool Certain, string Reason);

    /// <summary>
    /// The mail system's own mailboxes (RFC 5321 §4.5.1, RFC 2142 §5): the MTA writes bounces and delay notices from
    /// them. Compared with dots, dashes and underscores removed, since servers spell them freely:
    /// <c>MAILER-DAEMON@mx.example</c> (Postfix, Sendmail, Exim), <c>post_master@vtext.example.com</c> (a carrier's Apache
    /// James, sisimai lhost-apachejames-01), <c>Mail.Delivery.System@mx44.example.com</c> (sisimai lhost-x3-01).
    /// </summary>
    private static readonly string[] MailSystemMailboxes =
        ["mailerdaemon", "maildaemon", "postmaster", "maildeliverysystem", "maildeliverysubsystem"];

    /// <summary>Certain: the mail system's own mailbox wrote it (a bounce or a delay notice).</summary>
    public static Match? MailSystem(EmailAddress from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return Array.IndexOf(MailSystemMailboxes, Squeeze(from.LocalPart)) >= 0
            ? new(MailKind.Bounce, true, $"From is the mail system's {from.LocalPart}@")
            : null;
    }

    /// <summary>Certain: a list manager's role address wrote or sent it.</summary>
    public static Match? ListRole(EmailAddress from, IEnumerable<EmailAddress> senders)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(senders);

        // List managers' administrative addresses (RFC 2142 §6, RFC 3834 §2): Majordomo and Listserv write notices as
        // owner-list@ and list-owner@, Mailman as list-bounces@ and list-request@; a digest names owner-list@ as its
        // Sender. Nobody's own mailbox ends this way: "Digest <owner-ppp@zzz.org>", "ppp-request@zzz.org".
        foreach (var address in senders.Prepend(from))
        {
            var local = address.LocalPart.ToLowerInvariant();
            if (local.StartsWith("owner-", StringComparison.Ordinal) || local.EndsWith("-request", StringComparison.Ordinal)
                || local.EndsWith("-owner", StringComparison.Ordinal) || local.EndsWith("-bounces", StringComparison.Ordinal))
            {
                return new(MailKind.MailingList, true, $"sent by a list role address ({address.Address})");
            }
        }

        return null;
    }

    /// <summary>Probable: an address people rarely write from; the mail opens a ticket without an acknowledgment.</summary>
    public static Match? Probable(EmailAddress from)
    {
        ArgumentNullException.ThrowIfNull(from);

        // No-reply senders: notifications (Amazon SNS's no-reply@sns.amazonaws.com, carriers' no-reply@…dion.ne.jp in
        // sisimai lhost-kddi-02, dmarc-noreply@ in sisimai arf-18) come from addresses that say nobody reads the answer.
        // Probable only: a person sometimes writes from a shop's noreply@ mailbox, and then an agent should see it.
        if (NoReply().IsMatch(from.LocalPart))
        {
            return new(MailKind.Bulk, false, $"sent from a no-reply address ({from.Address})");
        }

        // FML and Majordomo lists send their notices from list-admin@ ("Loop Alert" from neko-admin@example.co.jp in
        // sisimai lhost-fml-03). Probable only: it-admin@ or web-admin@ is often a person's shared mailbox.
        if (from.LocalPart.EndsWith("-admin", StringComparison.OrdinalIgnoreCase))
        {
            return new(MailKind.MailingList, false, $"sent from a list administration address ({from.Address})");
        }

        return null;
    }

    private static string Squeeze(string local)
        => string.Concat(local.Where(c => c is not ('.' or '-' or '_'))).ToLowerInvariant();

    // noreply, no-reply, no_reply, no.reply, donotreply, do-not-reply, do_not_reply, dont-reply, as a word of the local
    // part (dmarc-noreply, noreply-dmarc-support, no-reply2); not inside another word (juno.reply, snoreply).
    [GeneratedRegex(@"(?:^|[._+\-])(?:no|do[._\-]?not|dont)[._\-]?reply(?:$|[._+\-0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoReply();
}
