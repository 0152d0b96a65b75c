using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class SupportPolicyLoaderTests
{
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Error)> InvalidCases = new()
    {
        ["zero duration"] = (p => p.At("priorities.high.firstResponse")["duration"] = "0m",
            "priorities.high.firstResponse.duration: must be positive"),
        ["bad duration"] = (p => p.At("priorities.high.firstResponse")["duration"] = "PT8H",
            "priorities.high.firstResponse.duration: 'PT8H' is not a duration"),
        ["days on business clock"] = (p => p.At("priorities.low.resolution")["duration"] = "10d",
            "priorities.low.resolution.duration: '10d' uses days, which a business clock does not count; write business hours, e.g. '240h'"),
        ["missing duration"] = (p => p.At("priorities.normal.nextUpdate").AsObject().Remove("duration"),
            "priorities.normal.nextUpdate.duration: is required"),
        ["bad clock"] = (p => p.At("priorities.normal.nextUpdate")["clock"] = "office",
            "priorities.normal.nextUpdate.clock: 'office' is not \"business\" or \"calendar\""),
        ["missing clock"] = (p => p.At("priorities.normal.nextUpdate").AsObject().Remove("clock"),
            "priorities.normal.nextUpdate.clock: is required"),
        ["calendar on calendar clock"] = (p => p.At("priorities.urgent.firstResponse")["calendar"] = "emea",
            "priorities.urgent.firstResponse.calendar: only a business clock uses a calendar"),
        ["unknown calendar"] = (p => p.At("priorities.urgent.nextUpdate")["calendar"] = "apac",
            "priorities.urgent.nextUpdate.calendar: 'apac' is not one of the calendars (emea, always)"),
        ["missing priority"] = (p => p.At("priorities").AsObject().Remove("low"), "priorities.low: is required"),
        ["missing target"] = (p => p.At("priorities.high").AsObject().Remove("resolution"), "priorities.high.resolution: is required"),
        ["bad zone"] = (p => p.At("calendars.emea")["timeZone"] = "Mars/Olympus",
            "calendars.emea.timeZone: 'Mars/Olympus' is not an IANA time zone"),
        ["windows zone"] = (p => p.At("calendars.emea")["timeZone"] = "GMT Standard Time",
            "calendars.emea.timeZone: 'GMT Standard Time' is not an IANA time zone"),
        ["bad interval"] = (p => p.At("calendars.emea.weeklyHours")["monday"] = new JsonArray("9-17"),
            "calendars.emea.weeklyHours.monday[0]: '9-17' is not an interval"),
        ["backwards interval"] = (p => p.At("calendars.emea.weeklyHours")["friday"] = new JsonArray("22:00-06:00"),
            "calendars.emea.weeklyHours.friday[0]: '22:00-06:00' must end after it starts"),
        ["overlap"] = (p => p.At("calendars.emea.weeklyHours")["monday"] = new JsonArray("09:00-13:00", "12:00-17:00"),
            "calendars.emea.weeklyHours.monday[1]: '12:00-17:00' overlaps '09:00-13:00'"),
        ["no hours"] = (p => p.At("calendars.emea")["weeklyHours"] = new JsonObject(),
            "calendars.emea.weeklyHours: has no open hours"),
        ["24x7 and hours"] = (p => p.At("calendars.emea")["24x7"] = true,
            "calendars.emea.weeklyHours: leave it out when \"24x7\" is true"),
        ["bad holiday"] = (p => p.At("calendars.emea")["holidays"] = new JsonArray("2026-12-25", "25/12/2026"),
            "calendars.emea.holidays[1]: '25/12/2026' is not a date written as yyyy-MM-dd"),
        ["bad default calendar"] = (p => p["defaultCalendar"] = "apac",
            "defaultCalendar: 'apac' is not one of the calendars (emea, always)"),
        ["bad rule priority"] = (p => p.At("priorityRules[1]")["priority"] = "hihg",
            "priorityRules[1].priority: 'hihg' is not a priority (low, normal, high, urgent)"),
        ["rule without condition"] = (p => p.At("priorityRules[0]").AsObject().Remove("keywords"),
            "priorityRules[0]: needs at least one condition"),
        ["bad domain"] = (p => p.At("priorityRules[1]")["fromDomains"] = new JsonArray("@vip.example"),
            "priorityRules[1].fromDomains[0]: '@vip.example' is not a domain"),
        ["bad default priority"] = (p => p["defaultPriority"] = "medium",
            "defaultPriority: 'medium' is not a priority"),
        ["percent not ascending"] = (p => p.At("escalations.firstResponse[1]")["atPercent"] = 50,
            "escalations.firstResponse[1].atPercent: must be greater than the previous level's 75"),
        ["percent zero"] = (p => p.At("escalations.firstResponse[0]")["atPercent"] = 0,
            "escalations.firstResponse[0].atPercent: must be positive"),
        ["bad notify"] = (p => p.At("escalations.firstResponse[0]")["notify"] = new JsonArray("boss"),
            "escalations.firstResponse[0].notify[0]: 'boss' is not \"assignee\", \"teamLead\", \"manager\", \"team\" or an e-mail address"),
        ["role without address"] = (p => p.At("escalations.firstResponse[0]")["notify"] = new JsonArray("team"),
            "escalations.firstResponse[0].notify[0]: 'team' needs an address in recipients.team"),
        ["bad action"] = (p => p.At("escalations.firstResponse[1]")["actions"] = new JsonArray("page"),
            "escalations.firstResponse[1].actions[0]: 'page' is not an action"),
        ["duplicate level name"] = (p => p.At("escalations.firstResponse[1]")["name"] = "reminder",
            "escalations.firstResponse[1].name: 'reminder' is used by an earlier level"),
        ["bad recipient"] = (p => p.At("recipients")["manager"] = "boss",
            "recipients.manager: 'boss' is not an e-mail address"),
        ["reminders not ascending"] = (p => p.At("pending")["reminders"] = new JsonArray("5d", "2d"),
            "pending.reminders[1]: must be later than the previous reminder (5d)"),
        ["auto-close before reminder"] = (p => p.At("pending")["autoCloseAfter"] = "3d",
            "pending.autoCloseAfter: must be later than the last reminder (5d)"),
        ["status note days on business"] = (p => p.At("statusNotes")["after"] = "2d",
            "statusNotes.after: '2d' uses days"),
        ["close before check-back"] = (p => p.At("afterSolve")["closeAfter"] = "1d",
            "afterSolve.closeAfter: must be later than checkBackAfter (3d)"),
        ["zero senders"] = (p => p.At("autoReplyLimit")["perSender"] = 0, "autoReplyLimit.perSender: must be at least 1"),
        ["unsupported language"] = (p => p.At("languages")["offered"] = new JsonArray("en", "it"),
            "languages.offered[1]: 'it' has no templates; supported languages are en, de, fr, es"),
        ["language twice"] = (p => p.At("languages")["offered"] = new JsonArray("en", "de", "en"),
            "languages.offered[2]: 'en' is listed twice"),
        ["no languages"] = (p => p.At("languages")["offered"] = new JsonArray(),
            "languages.offered: is required and needs at least one language"),
        ["default not offered"] = (p => p.At("languages")["default"] = "es",
            "languages.default: 'es' is not one of languages.offered (en, de, fr)"),
        ["percentile out of range"] = (p => p.At("realisticPromise")["percentile"] = 100,
            "realisticPromise.percentile: 100 is not a whole percentile from 50 to 99"),
        ["window out of range"] = (p => p.At("realisticPromise")["windowDays"] = 0,
            "realisticPromise.windowDays: 0 is not a number of days from 1 to 90"),
        ["no samples"] = (p => p.At("realisticPromise")["minimumSamples"] = 0,
            "realisticPromise.minimumSamples: must be at least 1"),
        ["daytime across midnight"] = (p => p.At("customerDaytime")["hours"] = "20:00-08:00",
            "customerDaytime.hours: '20:00-08:00' must end after it starts"),
        ["daytime zone"] = (p => p.At("customerDaytime")["timeZone"] = "Berlin",
            "customerDaytime.timeZone: 'Berlin' is not an IANA time zone"),
        ["unknown field"] = (p => p.At("priorities.high.firstResponse")["durration"] = "4h",
            "priorities.high.firstResponse.durration: unknown field"),
        ["wrong type"] = (p => p.At("escalations.firstResponse[0]")["atPercent"] = "75%",
            "escalations.firstResponse[0].atPercent: has the wrong type"),
    };

    public static TheoryData<string> InvalidCaseNames => [.. InvalidCases.Keys];

    [Fact]
    public void Parse_ShippedDefaultPolicy_LoadsAndValidates()
    {
        var policy = SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")));

        Assert.Equal("london", policy.DefaultCalendar.Name);
        Assert.Equal("Europe/London", policy.DefaultCalendar.TimeZone.Id);
        Assert.Contains(new DateOnly(2026, 12, 25), policy.DefaultCalendar.Holidays);
        Assert.True(policy.Calendars["24x7"].IsAlwaysOpen);
        Assert.Equal(TimeSpan.FromHours(1), policy.Target(Priority.Urgent, TargetKind.FirstResponse).Duration);
        Assert.Equal(TimeSpan.FromHours(4), policy.Target(Priority.High, TargetKind.FirstResponse).Duration);
        Assert.Equal(ClockKind.Business, policy.Target(Priority.Normal, TargetKind.Resolution).Clock);
        Assert.Same(policy.DefaultCalendar, policy.Target(Priority.Low, TargetKind.NextUpdate).Calendar);
        Assert.Equal([75, 100, 150], policy.EscalationsFor(TargetKind.FirstResponse).Select(l => l.AtPercent));
        Assert.Equal([EscalationAction.RaisePriority], policy.EscalationsFor(TargetKind.Resolution)[1].Actions);
        Assert.Equal("support-lead@example.com", policy.Recipients.TeamLead);
        Assert.Equal(TimeSpan.FromHours(16), policy.StatusNotes!.After.Duration);
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromDays(5)], policy.Pending.Reminders.Select(r => r.Duration));
        Assert.Equal(TimeSpan.FromDays(7), policy.Pending.AutoCloseAfter!.Duration);
        Assert.Equal(new AfterSolvePolicy(TimeSpan.FromDays(3), TimeSpan.FromDays(14), TimeSpan.FromDays(7)), policy.AfterSolve);
        Assert.Equal(new AutoReplyLimit(5, TimeSpan.FromHours(1)), policy.AutoReplyLimit);
        Assert.Equal(Priority.Urgent, policy.PriorityRules.Evaluate("Production down!", "", "x@y.example"));
        Assert.Equal(Priority.Normal, policy.PriorityRules.Evaluate("How do I export?", "", "x@y.example"));
        Assert.Equal(new[] { "en", "de", "fr", "es" }, policy.Languages.Offered);
        Assert.Equal("en", policy.Languages.Default);
        Assert.Equal(new RealisticPromisePolicy(true, 80, 7, 10), policy.RealisticPromise);
        Assert.Equal((TimeSpan.FromHours(8), TimeSpan.FromHours(20), "Europe/London"), (policy.CustomerDaytime!.From, policy.CustomerDaytime.To, policy.CustomerDaytime.Zone.Id));
    }

    [Fact]
    public void Parse_ValidTestPolicy_ReadsLanguagesPromiseAndDaytime()
    {
        var policy = SupportPolicyLoader.Parse(PolicyJsonBuilder.Valid().ToJsonString());

        Assert.Equal(new[] { "en", "de", "fr" }, policy.Languages.Offered);
        Assert.Equal("de", policy.Languages.Default);
        Assert.Equal(new RealisticPromisePolicy(true, 90, 14, 3), policy.RealisticPromise);
        Assert.Equal((new TimeSpan(7, 30, 0), TimeSpan.FromHours(21), "Europe/Berlin"), (policy.CustomerDaytime!.From, policy.CustomerDaytime.To, policy.CustomerDaytime.Zone.Id));
    }

    [Fact]
    public void Parse_CustomerDaytimeDisabled_IsNull()
    {
        var json = PolicyJsonBuilder.Valid();
        json.At("customerDaytime")["enabled"] = false;

        Assert.Null(SupportPolicyLoader.Parse(json.ToJsonString()).CustomerDaytime);
    }

    [Fact]
    public void Parse_ShippedDefaultPolicy_NormalFirstResponseIsOneBusinessDay()
    {
        var policy = SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")));
        var friday = new DateTimeOffset(2026, 12, 24, 16, 0, 0, TimeSpan.Zero);

        // Thursday 24 Dec 16:00 + 8 business hours: 1h that day, then Tuesday 29 Dec 09:00-16:00.
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 16, 0, 0, TimeSpan.Zero), policy.Target(Priority.Normal, TargetKind.FirstResponse).DueFrom(friday));
    }

    [Fact]
    public void Parse_ValidTestPolicy_Loads()
    {
        var policy = SupportPolicyLoader.Parse(PolicyJsonBuilder.Valid().ToJsonString());

        Assert.Equal(TimeSpan.FromDays(1), policy.Target(Priority.Urgent, TargetKind.Resolution).Duration);
        Assert.Same(BusinessCalendar.AlwaysOpen, policy.Target(Priority.Urgent, TargetKind.FirstResponse).Calendar);
        Assert.Same(policy.Calendars["always"], policy.Target(Priority.Urgent, TargetKind.NextUpdate).Calendar);
        Assert.Empty(policy.EscalationsFor(TargetKind.Resolution));
        Assert.Equal(
            [new NotifyTarget(RecipientRole.TeamLead), NotifyTarget.ForAddress("oncall@example.com")],
            policy.EscalationsFor(TargetKind.FirstResponse)[1].Notify);
    }

    [Theory]
    [MemberData(nameof(InvalidCaseNames))]
    public void Parse_InvalidPolicy_NamesTheField(string caseName)
    {
        var (breakIt, error) = InvalidCases[caseName];
        var json = PolicyJsonBuilder.Valid();
        breakIt(json);

        var ex = Assert.Throws<PolicyValidationException>(() => SupportPolicyLoader.Parse(json.ToJsonString()));

        Assert.Contains(ex.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralErrors_ListsThemAll()
    {
        var json = PolicyJsonBuilder.Valid();
        json.At("calendars.emea")["timeZone"] = "Mars/Olympus";
        json.At("priorities.high.firstResponse")["duration"] = "0m";
        json.Remove("defaultCalendar");

        var ex = Assert.Throws<PolicyValidationException>(() => SupportPolicyLoader.Parse(json.ToJsonString()));

        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains("calendars.emea.timeZone: 'Mars/Olympus' is not an IANA time zone", ex.Message, StringComparison.Ordinal);
        Assert.Contains("priorities.high.firstResponse.duration: must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defaultCalendar: is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowed()
    {
        var json = PolicyJsonBuilder.Valid().ToJsonString().Replace("\"defaultCalendar\"", "/* the desk */ \"defaultCalendar\"", StringComparison.Ordinal);
        json = json[..^1] + ",\n// end\n}";

        Assert.Equal("emea", SupportPolicyLoader.Parse(json).DefaultCalendar.Name);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsLine()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => SupportPolicyLoader.Parse("{\n  \"calendars\": {\n    \"emea\": ]\n}"));

        Assert.Contains("calendars.emea: not valid JSON (line 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionalSectionsLeftOut_AreOffOrDefault()
    {
        var json = PolicyJsonBuilder.Valid();
        foreach (var name in new[] { "priorityRules", "defaultPriority", "escalations", "recipients", "statusNotes", "pending", "afterSolve", "autoReplyLimit", "languages", "realisticPromise", "customerDaytime" })
        {
            json.Remove(name);
        }

        var policy = SupportPolicyLoader.Parse(json.ToJsonString());

        Assert.Empty(policy.PriorityRules.Rules);
        Assert.Equal(Priority.Normal, policy.PriorityRules.DefaultPriority);
        Assert.Empty(policy.EscalationsFor(TargetKind.FirstResponse));
        Assert.Null(policy.StatusNotes);
        Assert.Empty(policy.Pending.Reminders);
        Assert.Null(policy.Pending.AutoCloseAfter);
        Assert.Null(policy.AfterSolve);
        Assert.Equal(new AutoReplyLimit(5, TimeSpan.FromHours(1)), policy.AutoReplyLimit);
        Assert.Equal(["en", "de", "fr", "es"], policy.Languages.Offered);
        Assert.Equal(RealisticPromisePolicy.Default, policy.RealisticPromise);
        Assert.Equal((TimeSpan.FromHours(8), TimeSpan.FromHours(20), "Europe/London"), (policy.CustomerDaytime!.From, policy.CustomerDaytime.To, policy.CustomerDaytime.Zone.Id));
    }

    [Fact]
    public void Parse_StatusNotesDisabled_IsNull()
    {
        var json = PolicyJsonBuilder.Valid();
        json.At("statusNotes")["enabled"] = false;

        Assert.Null(SupportPolicyLoader.Parse(json.ToJsonString()).StatusNotes);
    }
}
