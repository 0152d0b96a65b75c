using System.Text.RegularExpressions;
using ServerlessSupport.Functions.Api;
using ServerlessSupport.Functions.Health;
using ServerlessSupport.Functions.Inbound;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Functions.Sla;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// Every function of the app, declared once. Both hosts and the function.json writer read this list, so adding a
/// function is one entry here plus one handler class.
/// </summary>
internal sealed partial class FunctionCatalog
{
    public FunctionCatalog(IEnumerable<FunctionDefinition> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        Functions = [.. functions];
        Validate(Functions);
    }

    public static FunctionCatalog Default { get; } = new(
    [
        FunctionDefinition.Http<HealthFunction>("Health", "health", ["GET"], FunctionAuthLevel.Anonymous),
        FunctionDefinition.Http<InboundEmailFunction>("InboundEmail", "inbound/{kind}", ["POST"], FunctionAuthLevel.Function),
        FunctionDefinition.Http<DevOutboxFunction>("DevOutbox", "dev/outbox", ["GET"], FunctionAuthLevel.Function),
        FunctionDefinition.Queue<ProcessInboundFunction>("ProcessInbound", "inbound"),
        FunctionDefinition.Queue<DispatchEmailFunction>("DispatchEmail", "outbound"),
        FunctionDefinition.Timer<FollowUpSweepFunction>("FollowUpSweep", $"%{AppSettings.SupportFollowUpSchedule}%", SupportOptions.DefaultSchedule),
        FunctionDefinition.Timer<EscalationSweepFunction>("EscalationSweep", $"%{AppSettings.SupportEscalationSchedule}%", SupportOptions.DefaultSchedule),
        FunctionDefinition.Http<CsatEndpoint>("Csat", "csat/{token}", ["GET"], FunctionAuthLevel.Anonymous),
        FunctionDefinition.Http<MeFunction>("Me", "me", ["GET"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<ListTicketsFunction>("ListTickets", "tickets", ["GET"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<GetTicketFunction>("GetTicket", "tickets/{id}", ["GET"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<UpdateTicketFunction>("UpdateTicket", "tickets/{id}", ["PATCH"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<ReplyToTicketFunction>("ReplyToTicket", "tickets/{id}/replies", ["POST"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<MetricsFunction>("Metrics", "metrics", ["GET"], FunctionAuthLevel.Agent),
        FunctionDefinition.Http<IntakeRecordsFunction>("IntakeRecords", "intake-records", ["GET"], FunctionAuthLevel.Agent),
    ]);

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public IEnumerable<FunctionDefinition> Http => Functions.Where(f => f.Trigger is HttpFunctionTrigger);

    public IEnumerable<FunctionDefinition> Queues => Functions.Where(f => f.Trigger is QueueFunctionTrigger);

    public IEnumerable<FunctionDefinition> Timers => Functions.Where(f => f.Trigger is TimerFunctionTrigger);

    /// <summary>Function names are case-insensitive, as in Azure Functions.</summary>
    public FunctionDefinition? Find(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static void Validate(IReadOnlyList<FunctionDefinition> functions)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!FunctionName().IsMatch(function.Name))
            {
                throw new ArgumentException($"'{function.Name}' is not a legal function name (a letter, then letters, digits, '_' or '-').");
            }

            if (!names.Add(function.Name))
            {
                throw new ArgumentException($"The function name '{function.Name}' is used twice.");
            }

            var expected = function.Trigger switch
            {
                HttpFunctionTrigger => typeof(IHttpFunction),
                QueueFunctionTrigger => typeof(IQueueFunction),
                TimerFunctionTrigger => typeof(ITimerFunction),
                _ => throw new ArgumentException($"Function '{function.Name}' has an unknown trigger kind."),
            };
            if (!expected.IsAssignableFrom(function.HandlerType) || function.HandlerType.IsAbstract)
            {
                throw new ArgumentException($"Function '{function.Name}': {function.HandlerType.Name} does not implement {expected.Name}.");
            }

            switch (function.Trigger)
            {
                case QueueFunctionTrigger queue when !QueueName().IsMatch(queue.PoisonQueueName):
                    throw new ArgumentException($"Function '{function.Name}': '{queue.QueueName}' is not a legal queue name (with room for '-poison').");
                case TimerFunctionTrigger timer when timer.SettingName is null && !CronSchedule.TryParse(timer.Schedule, out _):
                    throw new ArgumentException($"Function '{function.Name}': '{timer.Schedule}' is not a 6-field CRON expression.");
                case TimerFunctionTrigger timer when !CronSchedule.TryParse(timer.DefaultSchedule, out _):
                    throw new ArgumentException($"Function '{function.Name}': default schedule '{timer.DefaultSchedule}' is not a 6-field CRON expression.");
                case HttpFunctionTrigger http when http.Methods.Count == 0 || http.Route.StartsWith('/'):
                    throw new ArgumentException($"Function '{function.Name}': an HTTP trigger needs methods and a route relative to /api.");
                default:
                    break;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueName();
}
