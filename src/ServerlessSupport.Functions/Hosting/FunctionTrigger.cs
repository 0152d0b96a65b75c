namespace ServerlessSupport.Functions.Hosting;

/// <summary>What starts a function. <see cref="BindingName"/> is the trigger binding's name in function.json.</summary>
internal abstract record FunctionTrigger(string BindingName);

/// <summary>An HTTP route under <c>/api</c>; the same route in both hosts (Azure proxies the raw request).</summary>
internal sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods, FunctionAuthLevel AuthLevel)
    : FunctionTrigger("req")
{
    public string Path => "/api/" + Route;
}

/// <summary>A storage queue on the <c>AzureWebJobsStorage</c> connection.</summary>
internal sealed record QueueFunctionTrigger(string QueueName, string BindingName) : FunctionTrigger(BindingName)
{
    public string PoisonQueueName => QueueName + "-poison";
}

/// <summary>
/// A 6-field CRON schedule, or a <c>%Setting%</c> reference that the Functions host resolves and the standalone host
/// resolves from configuration, falling back to <see cref="DefaultSchedule"/>.
/// </summary>
internal sealed record TimerFunctionTrigger(string Schedule, string BindingName, string DefaultSchedule) : FunctionTrigger(BindingName)
{
    /// <summary>The setting name inside <c>%…%</c>, or null for a literal schedule.</summary>
    public string? SettingName =>
        Schedule.Length > 2 && Schedule[0] == '%' && Schedule[^1] == '%' ? Schedule[1..^1] : null;
}
