using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api.OpenApi;

/// <summary>
/// The catalog's HTTP functions are mapped with request delegates, which ApiExplorer cannot describe, so the document
/// transformer describes them from this table (function name → operation). Functions not listed get a bare entry.
/// </summary>
internal static class ApiOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> ByFunction { get; } = new Dictionary<string, ApiOperation>(StringComparer.OrdinalIgnoreCase)
    {
        ["Me"] = new("The agent the API key belongs to, with their email address and notifications (defaults when never set).", typeof(MeResponse)),
        ["UpdateMe"] = new(
            "Change your email address (\"\" or null removes it) and/or notifications; only the fields given change.",
            typeof(MeResponse),
            typeof(UpdateMeRequest))
        {
            Errors = [400, 413],
        },
        ["ListTickets"] = new(
            "Tickets sorted by next deadline (soonest first, none last), filtered and paged.",
            typeof(TicketListResponse),
            Query:
            [
                new("status", "Comma-separated: open, pendingCustomer, solved, closed (default: all)."),
                new("priority", "Comma-separated: low, normal, high, urgent."),
                new("assignee", "Exact agent name, or 'none' for unassigned."),
                new("risk", "Comma-separated: ok, atRisk, breached."),
                new("pageSize", "1-200, default 50."),
                new("continuation", "The continuation of the previous page."),
            ])
        {
            Errors = [400],
        },
        ["GetTicket"] = new("One ticket with its promises, messages, events and outbox.", typeof(TicketDetailResponse)) { Errors = [404] },
        ["UpdateTicket"] = new("Change status, priority, assignee and/or language (one commit, an event per change).", typeof(TicketDetailResponse), typeof(UpdateTicketRequest))
        {
            Errors = [400, 404, 409, 413],
        },
        ["ReplyToTicket"] = new("A public reply (emailed to the customer, optionally with a promise of an update or the solution by a date) or an internal note.", typeof(TicketDetailResponse), typeof(ReplyRequest))
        {
            Errors = [400, 404, 409, 413],
        },
        ["Metrics"] = new("Acknowledgment latency, first-response attainment, open tickets by priority, escalations today, satisfaction and promises kept/broken per period.", typeof(MetricsResponse)),
        ["IntakeRecords"] = new(
            "Quarantined payloads, poison messages and unthreaded automatic mail.",
            typeof(IntakeRecordsResponse),
            Query: [new("max", "1-1000, default 100.")])
        {
            Errors = [400],
        },
        ["RecoverIntakeRecord"] = new("Turn an intake record's email into a ticket message, once (as if a person wrote it; no acknowledgment).", typeof(IntakeRecordDto))
        {
            Errors = [404, 422],
        },
        ["DismissIntakeRecord"] = new("Dismiss an intake record (recorded with the agent and the time).", typeof(IntakeRecordDto))
        {
            Errors = [404, 409],
        },
        ["Health"] = new("Liveness and storage reachability.", null),
        ["Csat"] = new("Survey page from a customer email (signed token): shows the form, records nothing.", null),
        ["CsatAnswer"] = new("The survey page's form post (signed token; rating, optional comment): records the answer once per resolution.", null),
        ["InboundEmail"] = new("Inbound email webhook (SendGrid Inbound Parse or JSON); function key required.", null),
        ["DevOutbox"] = new("Mail kept in the local outbox when no SendGrid key is set; function key required.", null),
    };
}
