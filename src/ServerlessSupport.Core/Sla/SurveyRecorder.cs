using System.Text;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

/// <summary>
/// The survey behind a signed link. <see cref="InspectAsync"/> only reads (what GET and HEAD show: a link scanner that
/// opens every link records nothing); <see cref="RecordAsync"/> is the page's POST and records the answer on its ticket,
/// once per resolution: the first answer for a resolution wins, and a link from an earlier resolution of a ticket that
/// was reopened and solved again is refused.
/// </summary>
internal sealed class SurveyRecorder(ITicketStore tickets, TicketCommitter committer, SlaSettings settings, SupportPolicy policy, TimeProvider time)
{
    /// <summary>The longest comment kept (characters); longer ones are cut.</summary>
    public const int MaxCommentLength = 1_000;

    private const int MaxCommitAttempts = 8;

    /// <summary>What the link stands for now, changing nothing.</summary>
    public async Task<SurveyOutcome> InspectAsync(string? token, CancellationToken cancellationToken) =>
        (await CheckAsync(token, cancellationToken)).Outcome;

    /// <summary>Records <paramref name="rating"/> (the token's when null) and the optional comment, unless the link cannot.</summary>
    public async Task<SurveyOutcome> RecordAsync(string? token, SurveyRating? rating, string? comment, CancellationToken cancellationToken)
    {
        var text = Comment(comment);
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var (outcome, check, ticket) = await CheckAsync(token, cancellationToken);
            if (outcome.Kind != SurveyOutcomeKind.Open)
            {
                return outcome;
            }

            var now = time.GetUtcNow();
            var answer = rating ?? check!.Rating;
            var detail = $"Survey answer for resolution {check!.Resolution}: {SurveyTokens.Name(answer)}." + (text is null ? string.Empty : $" Comment: {text}");
            var change = new TicketCommitBuilder(ticket!, now)
            {
                Ticket = ticket! with { Sla = ticket.Sla with { SurveyAnswer = answer, SurveyAnsweredAt = now, SurveyResolution = check.Resolution, SurveyComment = text } },
            };
            var commit = change.Event(TicketEventKinds.SurveyAnswered, ticket.Customer.Address, detail).Build();
            try
            {
                await committer.CommitAsync(commit, OutboxSafety.DelayedMessage, cancellationToken);
                Telemetry.SupportTelemetry.CsatAnswered(answer);
                return outcome with { Kind = SurveyOutcomeKind.Recorded, Rating = answer };
            }
            catch (TicketConflictException)
            {
                // Changed meanwhile (maybe the other link's form was sent): read again and decide again.
            }
        }

        throw new TicketConflictException("A ticket kept changing while a survey answer was recorded.");
    }

    /// <summary>Plain text, one paragraph break style (LF), no control characters, at most <see cref="MaxCommentLength"/>; null when empty.</summary>
    public static string? Comment(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(comment.Length, MaxCommentLength));
        foreach (var c in comment.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
        {
            if (builder.Length >= MaxCommentLength)
            {
                break;
            }

            if (!char.IsControl(c) || c == '\n')
            {
                builder.Append(c);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private async Task<(SurveyOutcome Outcome, SurveyTokenCheck? Check, Ticket? Ticket)> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var fallback = policy.Languages.Default;
        if (settings.Survey is not { } survey)
        {
            return (new SurveyOutcome(SurveyOutcomeKind.Invalid, null, fallback), null, null);
        }

        var check = survey.Verify(token, time.GetUtcNow());
        if (check.Status == SurveyTokenStatus.Invalid || await tickets.GetAsync(check.Ticket, cancellationToken) is not { } ticket)
        {
            return (new SurveyOutcome(SurveyOutcomeKind.Invalid, null, fallback), null, null);
        }

        var kind = check.Status == SurveyTokenStatus.Expired ? SurveyOutcomeKind.Expired
            : check.Resolution < ticket.ResolutionCount ? SurveyOutcomeKind.Superseded
            : ticket.Sla.SurveyAnswer is not null && ticket.Sla.SurveyResolution == check.Resolution ? SurveyOutcomeKind.AlreadyRecorded
            : SurveyOutcomeKind.Open;
        var rating = kind == SurveyOutcomeKind.AlreadyRecorded ? ticket.Sla.SurveyAnswer : check.Rating;
        return (new SurveyOutcome(kind, ticket.Id, ticket.Language, rating), check, ticket);
    }
}

internal enum SurveyOutcomeKind
{
    Invalid,
    Expired,

    /// <summary>The link asks about an earlier resolution: the ticket was reopened and solved again since.</summary>
    Superseded,

    /// <summary>The link may still be answered (what GET shows as the form).</summary>
    Open,
    Recorded,
    AlreadyRecorded,
}

/// <summary><see cref="Language"/>: the ticket's, for the page (the policy default when the link names no ticket).</summary>
internal sealed record SurveyOutcome(SurveyOutcomeKind Kind, TicketId? Ticket, string Language, SurveyRating? Rating = null);
