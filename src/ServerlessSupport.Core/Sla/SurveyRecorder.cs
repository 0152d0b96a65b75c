using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

/// <summary>Records a one-click survey answer on its ticket, once: the first answer wins, later clicks change nothing.</summary>
internal sealed class SurveyRecorder(ITicketStore tickets, TicketCommitter committer, SlaSettings settings, TimeProvider time)
{
    private const int MaxCommitAttempts = 8;

    public async Task<SurveyOutcome> RecordAsync(string? token, CancellationToken cancellationToken)
    {
        if (settings.Survey is not { } survey)
        {
            return new SurveyOutcome(SurveyOutcomeKind.Invalid, null);
        }

        var now = time.GetUtcNow();
        var check = survey.Verify(token, now);
        switch (check.Status)
        {
            case SurveyTokenStatus.Invalid:
                return new SurveyOutcome(SurveyOutcomeKind.Invalid, null);
            case SurveyTokenStatus.Expired:
                return new SurveyOutcome(SurveyOutcomeKind.Expired, check.Ticket);
            default:
                break;
        }

        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var ticket = await tickets.GetAsync(check.Ticket, cancellationToken);
            if (ticket is null)
            {
                return new SurveyOutcome(SurveyOutcomeKind.Invalid, null);
            }

            if (ticket.Sla.SurveyAnswer is { } earlier)
            {
                return new SurveyOutcome(SurveyOutcomeKind.AlreadyRecorded, ticket.Id, earlier);
            }

            var evt = new TicketEvent(ticket.EventCount + 1, TicketEventKinds.SurveyAnswered, now, ticket.Customer.Address, $"Survey answer: {SurveyTokens.Name(check.Rating)}.");
            var commit = new TicketCommit(ticket with
            {
                Sla = ticket.Sla with { SurveyAnswer = check.Rating, SurveyAnsweredAt = now },
                EventCount = ticket.EventCount + 1,
                UpdatedAt = now,
            })
            {
                Events = [evt],
            };
            try
            {
                await committer.CommitAsync(commit, OutboxSafety.DelayedMessage, cancellationToken);
                return new SurveyOutcome(SurveyOutcomeKind.Recorded, ticket.Id, check.Rating);
            }
            catch (TicketConflictException)
            {
                // Changed meanwhile (maybe the other link was clicked): read again and decide again.
            }
        }

        throw new TicketConflictException($"Ticket {check.Ticket} kept changing while a survey answer was recorded.");
    }
}

internal enum SurveyOutcomeKind
{
    Invalid,
    Expired,
    Recorded,
    AlreadyRecorded,
}

internal sealed record SurveyOutcome(SurveyOutcomeKind Kind, TicketId? Ticket, SurveyRating? Rating = null);
