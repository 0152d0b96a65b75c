namespace ServerlessSupport.Functions.Hosting;

/// <summary>The HTTP trigger's <c>authLevel</c>: under Azure the host checks function keys before proxying.</summary>
internal enum FunctionAuthLevel
{
    Anonymous,
    Function,

    /// <summary>
    /// The agents' API: under Azure the host checks a function key ("function" in function.json) and the app still requires
    /// an agent API key for identity; standalone, the agent key alone (Api/AgentAuthMiddleware).
    /// </summary>
    Agent,
}
