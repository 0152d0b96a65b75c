using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Core.Tests.Sla;

/// <summary>Tickets for SLA tests, on the shipped policy (config/policy.json: London business hours, bank holidays).</summary>
internal sealed class SlaTicketBuilder
{
    private Priority _priority = Priority.Normal;
    private string? _assignee;
    private TimeSpan? _offset;
    private string _id = "K7M2QX9P";
    private string _language = "en";

    public static SupportPolicy ShippedPolicy { get; } = SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")));

    public SlaTicketBuilder WithPriority(Priority priority)
    {
        _priority = priority;
        return this;
    }

    /// <summary>The customer's UTC offset, as their mail's Date header gave it.</summary>
    public SlaTicketBuilder WithCustomerOffset(TimeSpan offset)
    {
        _offset = offset;
        return this;
    }

    public SlaTicketBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public SlaTicketBuilder WithLanguage(string language)
    {
        _language = language;
        return this;
    }

    public SlaTicketBuilder WithAssignee(string assignee)
    {
        _assignee = assignee;
        return this;
    }

    /// <summary>A ticket opened at <paramref name="at"/> with its clocks started by <see cref="SlaPlanner.OnCreated"/>.</summary>
    public Ticket Created(SlaPlanner planner, DateTimeOffset at) => planner.OnCreated(
        new Ticket
        {
            Id = TicketId.Parse(_id),
            CustomerUtcOffset = _offset,
            Language = _language,
            Status = TicketStatus.Open,
            Priority = _priority,
            Customer = new Mailbox("jane@example.com", "Jane Doe"),
            Subject = "Printer on fire",
            Assignee = _assignee,
            CreatedAt = at,
            UpdatedAt = at,
            LastCustomerMessageId = "<m1@example.com>",
            References = ["<m1@example.com>"],
            MessageCount = 1,
            EventCount = 2,
            OutboxCount = 1,
        },
        at);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
