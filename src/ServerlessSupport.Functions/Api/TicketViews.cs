using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Api.Dtos;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>Turns tickets and their rows into the API's shapes, with deadlines and risk as of the request.</summary>
internal sealed class TicketViews(ITicketStore store, TableTicketQueries queries, SupportPolicy policy, TimeProvider time)
{
    public TicketSummaryDto Summary(Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var next = TicketDeadlines.Next(ticket);
        return new TicketSummaryDto
        {
            Id = ticket.Id.ToString(),
            Subject = ticket.Subject,
            Status = ApiNames.Of(ticket.Status),
            Priority = ApiNames.Of(ticket.Priority),
            Customer = new CustomerDto(ticket.Customer.Address, ticket.Customer.Name),
            Assignee = ticket.Assignee,
            Language = ticket.Language,
            CreatedAt = ticket.CreatedAt,
            UpdatedAt = ticket.UpdatedAt,
            NextDeadline = next is null ? null : Deadline(next, now),
            Promise = PromiseBook.Next(ticket.Sla.Promises) is { } promise ? Promise(promise, now) : null,
            Risk = ApiNames.Of(TicketDeadlines.Risk(ticket, policy, now)),
            Version = ticket.Version ?? string.Empty,
        };
    }

    public static DeadlineDto Deadline(NextDeadline next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new DeadlineDto(ApiNames.Of(next.Kind), next.DueAt, (long)Math.Floor((next.DueAt - now).TotalSeconds));
    }

    public static PromiseDto Promise(TicketPromise p, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, ApiNames.Of(p.Kind), p.By, p.MadeBy, p.MadeAt, ApiNames.Of(p.State), p.SettledAt, p.Estimate, p.IsOpen ? (long)Math.Floor((p.By - now).TotalSeconds) : null);
    }

    /// <summary>The ticket with its conversation, audit trail and outbox, read fresh (three partition queries).</summary>
    public async Task<TicketDetailResponse> DetailAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var messages = store.GetMessagesAsync(ticket.Id, cancellationToken);
        var events = store.GetEventsAsync(ticket.Id, cancellationToken);
        var outbox = queries.GetOutboxAsync(ticket.Id, cancellationToken);
        await Task.WhenAll(messages, events, outbox);

        var now = time.GetUtcNow();
        var summary = Summary(ticket, now);
        var detail = new TicketDetailDto
        {
            Id = summary.Id,
            Subject = summary.Subject,
            Status = summary.Status,
            Priority = summary.Priority,
            Customer = summary.Customer,
            Assignee = summary.Assignee,
            Language = summary.Language,
            CreatedAt = summary.CreatedAt,
            UpdatedAt = summary.UpdatedAt,
            NextDeadline = summary.NextDeadline,
            Promise = summary.Promise,
            Risk = summary.Risk,
            Version = summary.Version,
            FirstResponseDue = ticket.FirstResponseDue,
            AcknowledgedAt = ticket.AcknowledgedAt,
            FirstRespondedAt = ticket.FirstRespondedAt,
            SolvedAt = ticket.SolvedAt,
            LastCustomerMessageAt = ticket.LastCustomerMessageAt,
            CheckBackAt = ticket.Sla.CheckBackAt,
            PendingSince = ticket.Sla.PendingSince,
            Survey = ticket.Sla.SurveyAnswer is { } rating ? new SurveyDto(ApiNames.Of(rating), ticket.Sla.SurveyAnsweredAt, ticket.Sla.SurveyResolution, ticket.Sla.SurveyComment) : null,
            Participants = [.. ticket.Participants.Select(p => new CustomerDto(p.Address, p.Name))],
            CustomerUtcOffset = ticket.CustomerUtcOffset is { } offset ? (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture) : null,
            ResolutionCount = ticket.ResolutionCount,
            Promises = [.. ticket.Sla.Promises.Select(p => Promise(p, now))],
        };

        return new TicketDetailResponse(
            detail,
            [.. (await messages).OrderBy(m => m.Sequence).Select(Message)],
            [.. (await events).OrderBy(e => e.Sequence).Select(e => new EventDto(e.Sequence, e.Kind, e.At, e.Actor, e.Detail))],
            [.. (await outbox).OrderBy(o => o.Sequence).Select(Outbox)]);
    }

    private static MessageDto Message(TicketMessage m) => new(
        m.Sequence,
        ApiNames.Of(m.Direction),
        m.At,
        m.Author,
        m.AuthorName,
        m.Subject,
        m.DisplayText,
        m.FullText,
        m.AutomaticReason,
        [.. m.Attachments.Select(a => new AttachmentDto(a.FileName, a.ContentType, a.Length))],
        m.UnverifiedSender);

    private static OutboxDto Outbox(OutboxItem o) => new(
        o.Sequence,
        o.Kind,
        ApiNames.Of(o.State),
        string.Join(", ", o.Email.To.Select(t => t.Address)),
        o.Email.Subject,
        o.CreatedAt,
        o.SentAt,
        o.Error);
}
