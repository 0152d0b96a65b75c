using System.Text;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Surveys;

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

    /// <summary>What the link stands for now, changing nothing.</summary>
    public async Task<SurveyOutcome> InspectAsync(string? token, CancellationToken cancellationToken) =>
        (await CheckAsync(token, cancellationToken)).Outcome;

    /// <summary>Records <paramref name="rating"/> (the token's when null) and the optional comment, unless the link cannot.</summary>
    public async Task<SurveyOutcome> RecordAsync(string? token, SurveyRating? rating, string? comment, CancellationToken cancellationToken)
    {
        var text = Comment(comment);
        var (outcome, check, read) = await CheckAsync(token, cancellationToken);
        if (outcome.Kind != SurveyOutcomeKind.Open)
        {
            return outcome;
        }

        var answer = rating ?? check!.Rating;
        ValueTask<TicketCommit?> Decide(Ticket? ticket, int attempt)
        {
            // After a conflict (maybe the other link's form was sent) the ticket is judged again as it is now.
            outcome = attempt == 0 ? outcome : Judge(check!, ticket, policy.Languages.Default);
            if (ticket is null || outcome.Kind != SurveyOutcomeKind.Open)
            {
                return ValueTask.FromResult<TicketCommit?>(null);
            }

            var now = time.GetUtcNow();
            var detail = $"Survey answer for resolution {check!.Resolution}: {SurveyTokens.Name(answer)}." + (text is null ? string.Empty : $" Comment: {text}");
            var change = new TicketCommitBuilder(ticket, now)
            {
                Ticket = ticket with { Sla = ticket.Sla with { SurveyAnswer = answer, SurveyAnsweredAt = now, SurveyResolution = check.Resolution, SurveyComment = text } },
            };
            return ValueTask.FromResult<TicketCommit?>(change.Event(TicketEventKinds.SurveyAnswered, ticket.Customer.Address, detail).Build());
        }

        if (await committer.ChangeAsync(check!.Ticket, Decide, OutboxSafety.DelayedMessage, cancellationToken, new FirstRead(read)) is null)
        {
            return outcome;
        }

        Telemetry.SupportTelemetry.CsatAnswered(answer);
        return outcome with { Kind = SurveyOutcomeKind.Recorded, Rating = answer };
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
        var ticket = check.Status == SurveyTokenStatus.Invalid ? null : await tickets.GetAsync(check.Ticket, cancellationToken);
        return (Judge(check, ticket, fallback), check, ticket);
    }

    /// <summary>What a verified link stands for against the ticket as it is.</summary>
    private static SurveyOutcome Judge(SurveyTokenCheck check, Ticket? ticket, string fallback)
    {
        if (check.Status == SurveyTokenStatus.Invalid || ticket is null)
        {
            return new SurveyOutcome(SurveyOutcomeKind.Invalid, null, fallback);
        }

        var kind = check.Status == SurveyTokenStatus.Expired ? SurveyOutcomeKind.Expired
            : check.Resolution < ticket.ResolutionCount ? SurveyOutcomeKind.Superseded
            : ticket.Sla.SurveyAnswer is not null && ticket.Sla.SurveyResolution == check.Resolution ? SurveyOutcomeKind.AlreadyRecorded
            : SurveyOutcomeKind.Open;
        var rating = kind == SurveyOutcomeKind.AlreadyRecorded ? ticket.Sla.SurveyAnswer : check.Rating;
        return new SurveyOutcome(kind, ticket.Id, ticket.Language, rating);
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
