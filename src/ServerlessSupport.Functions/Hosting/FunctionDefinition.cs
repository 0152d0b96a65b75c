namespace ServerlessSupport.Functions.Hosting;

/// <summary>One function: its name (the function.json folder under Azure), its trigger and the class that handles it.</summary>
internal sealed record FunctionDefinition(string Name, FunctionTrigger Trigger, Type HandlerType)
{
    public static FunctionDefinition Http<THandler>(string name, string route, IReadOnlyList<string> methods, FunctionAuthLevel authLevel)
        where THandler : class, IHttpFunction =>
        new(name, new HttpFunctionTrigger(route, methods, authLevel), typeof(THandler));

    public static FunctionDefinition Queue<THandler>(string name, string queueName, string bindingName = "message")
        where THandler : class, IQueueFunction =>
        new(name, new QueueFunctionTrigger(queueName, bindingName), typeof(THandler));

    public static FunctionDefinition Timer<THandler>(string name, string schedule, string defaultSchedule = "0 * * * * *", string bindingName = "timer")
        where THandler : class, ITimerFunction =>
        new(name, new TimerFunctionTrigger(schedule, bindingName, defaultSchedule), typeof(THandler));
}
