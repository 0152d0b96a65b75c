using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// Turns a <see cref="PolicyDocument"/> into a <see cref="SupportPolicy"/>, collecting every error as "json.path: problem".
/// Each section has its reader; after an error a reader carries on with a placeholder so later fields are still checked.
/// Nothing is returned unless all is valid.
/// </summary>
internal static class PolicyValidator
{
    public static SupportPolicy Validate(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reading = new PolicyReading();

        // The order the sections are read in is the order their errors are reported in. Calendars come first and
        // recipients before escalations, because the later sections look them up.
        var calendars = new CalendarsReader(reading);
        calendars.Read(document.Calendars);
        calendars.ReadDefault(document.DefaultCalendar);
        var recipients = new RecipientsReader(reading).Read(document.Recipients);
        var policy = new SupportPolicy(
            calendars.Calendars,
            calendars.Default,
            new TargetsReader(reading, calendars).Read(document.Priorities),
            new PriorityRulesReader(reading).Read(document.PriorityRules, document.DefaultPriority),
            new EscalationsReader(reading, recipients).Read(document.Escalations),
            recipients,
            new StatusNotesReader(reading, calendars).Read(document.StatusNotes),
            new PendingReader(reading, calendars).Read(document.Pending),
            new AfterSolveReader(reading).Read(document.AfterSolve),
            new AutoReplyLimitReader(reading).Read(document.AutoReplyLimit))
        {
            Languages = new LanguagesReader(reading).Read(document.Languages),
            RealisticPromise = new RealisticPromiseReader(reading).Read(document.RealisticPromise),
            CustomerDaytime = new CustomerDaytimeReader(reading, calendars).Read(document.CustomerDaytime),
            Promises = new PromisesReader(reading).Read(document.Promises),
            Notifications = new NotificationsReader(reading, recipients).Read(document.Notifications),
        };
        return reading.Errors.Count == 0 ? policy : throw new PolicyValidationException(reading.Errors);
    }
}
