using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// Mail to an agent's signed reply address (docs/architecture.md, "Agents by email"). It acts as the agent only when the
/// address's signature holds, the From is that agent's own address and SPF or DKIM passed for its domain: then it is the
/// agent's reply or note, with the first line's commands, in one commit as the dashboard would make it. Automatic mail
/// (an out-of-office) is recorded and changes nothing. Anything else is kept as an internal note flagged as not
/// verified, and the agent the address names is told why. Every step may run twice: the mail's marker row makes a
/// second recording a duplicate.
/// </summary>
internal sealed partial class AgentMailHandler(
    ReplyAddresses addresses,
    IAgentDirectory agents,
    ITicketStore tickets,
    TicketCommitter committer,
    AgentActions actions,
    TicketComposer composer,
    IInboundPayloadStore payloads,
    ISenderThrottle throttle,
    SupportIdentity support,
    SlaSettings links,
    TimeProvider time,
    ILogger<AgentMailHandler> logger)
{
    /// <summary>Null when the mail is not to a reply address (intake goes on); else what became of it.</summary>
    public async Task<AgentMailOutcome?> TryHandleAsync(InboundContext inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var email = inbound.Email;
        var token = addresses.Read(email.To.Concat(email.Cc).Select(a => a.Address).Concat(email.EnvelopeTo));
        if (token.State == ReplyTokenState.None)
        {
            return null;
        }

        if (token.Ticket is not { } id || await tickets.GetAsync(id, cancellationToken) is not { } ticket)
        {
            return AgentMailOutcome.SetAside($"mail to a reply address that names no ticket of this desk ({token.Problem ?? "the ticket does not exist"})");
        }

        var agent = token.AgentId is { } agentId ? (await agents.ListAsync(cancellationToken)).FirstOrDefault(a => a.Id == agentId) : null;
        var problem = token.State == ReplyTokenState.Invalid ? token.Problem
            : agent is null ? "the reply address names no agent of this desk"
            : agent.Email is null || !EmailAddress.SameAddress(agent.Email, email.From.Address) ? $"it came from {email.From.Address}, not from {agent.Name}'s address"
            : !SenderAuthentication.Passes(email) ? $"the receiving server could not confirm it came from {email.From.Address} (SPF and DKIM did not pass for its domain)"
            : null;
        var attachments = await InboundAttachments.StoreAsync(payloads, inbound, cancellationToken);

        // The agent hears of a refused mail at most as often as the automatic-reply limit allows: a forger cannot flood them.
        var tell = problem is not null && !inbound.Classification.IsAutomatic && agent?.Email is { } address && await throttle.TryConsumeAsync(address, cancellationToken);
        var commands = problem is null ? AgentMailCommands.Parse(email.DisplayText, agent!.Name) : null;
        var roster = commands?.Assignee is null ? null : new AgentRoster(await agents.ListAsync(cancellationToken));

        ValueTask<TicketCommit?> Decide(Ticket? read, int attempt)
        {
            if (read is null)
            {
                return ValueTask.FromResult<TicketCommit?>(null);
            }

            if (inbound.Classification.IsAutomatic)
            {
                return ValueTask.FromResult<TicketCommit?>(composer.Append(read, inbound, attachments));
            }

            if (problem is not null)
            {
                var change = composer.UnverifiedNote(read, inbound, attachments, $"Mail to the reply address of {agent?.Name ?? "an unknown agent"} was not acted on: {problem}");
                if (tell)
                {
                    Notify(change, agent!, problem, "It is kept on the ticket as an internal note marked as not verified.");
                }

                return ValueTask.FromResult<TicketCommit?>(change.Build());
            }

            return ValueTask.FromResult<TicketCommit?>(Act(read, inbound, attachments, agent!, commands!, roster));
        }

        try
        {
            await committer.ChangeAsync(ticket.Id, Decide, OutboxSafety.Redelivery, cancellationToken, new FirstRead(ticket));
        }
        catch (DuplicateChangeException)
        {
            await committer.RedispatchPendingAsync(ticket.Id, cancellationToken);
        }

        var outcome = inbound.Classification.IsAutomatic ? "automatic mail, recorded" : problem ?? commands!.Error ?? "acted on";
        LogAgentMail(logger, inbound.MessageId, ticket.Id.ToString(), agent?.Name ?? "(none)", outcome);
        return AgentMailOutcome.Handled(outcome);
    }

    /// <summary>The verified agent's mail: a reply or note and the commands, one commit; a command it does not know changes nothing.</summary>
    private TicketCommit Act(Ticket ticket, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, AgentProfile agent, AgentMailCommands commands, AgentRoster? roster)
    {
        var change = new TicketCommitBuilder(ticket, time.GetUtcNow());
        change.Marker(inbound.Marker);
        var error = commands.Error ?? (commands.Text.Length == 0 && commands.Status is null && commands.Assignee is null && commands.Priority is null ? "there was no text above the quoted notification and no command" : null)
            ?? (commands.Text.Length > AgentActions.MaxTextLength ? $"the text is longer than {AgentActions.MaxTextLength} characters" : null);
        if (error is not null)
        {
            change.Message(new TicketMessage
            {
                Sequence = 0, Direction = MessageDirection.Note, At = change.Now, Author = agent.Name, AuthorName = agent.Name, Subject = inbound.Email.Subject,
                DisplayText = inbound.Email.DisplayText, FullText = inbound.Email.Text, MessageId = inbound.MessageId, Attachments = attachments,
            });
            change.Event(AgentEventKinds.AgentMailNotActedOn, agent.Name, $"Mail from {agent.Name} not acted on: {error}.");
            Notify(change, agent, error, "Your mail is kept on the ticket as an internal note; nothing else changed.");
            return change.Build();
        }

        if (commands.Text.Length > 0)
        {
            actions.AddReply(change, agent.Name, commands.Text, isPublic: !commands.Note, promise: null, attachments);
        }

        actions.AddChange(change, agent.Name, new TicketChange(commands.Status, commands.Priority, commands.Assignee, null), roster);
        change.Event(AgentEventKinds.AgentMail, agent.Name, $"By email from {inbound.Email.From.Address}, verified (signed reply address, sender, SPF/DKIM).");
        return change.Build();
    }

    private void Notify(TicketCommitBuilder change, AgentProfile agent, string why, string whatHappened)
    {
        var ticket = change.Ticket;
        var rendered = AgentMailTemplate.NotActedOn(ticket.Id, ticket.Subject, why, whatHappened, links.TicketLink(ticket.Id));
        change.Email(sequence => OutboxEmails.ToStaff(support, ticket, sequence, "agent-mail-refused", [new Mailbox(agent.Email!, agent.Name)], rendered, change.Now));
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Mail {MessageId} to a reply address of ticket {Ticket} (agent {Agent}): {Outcome}")]
    private static partial void LogAgentMail(ILogger logger, string messageId, string ticket, string agent, string outcome);
}

/// <summary>What became of mail to a reply address: handled on its ticket, or set aside as an intake record.</summary>
internal sealed record AgentMailOutcome(bool IsSetAside, string Reason)
{
    public static AgentMailOutcome Handled(string what) => new(false, what);

    public static AgentMailOutcome SetAside(string why) => new(true, why);
}
