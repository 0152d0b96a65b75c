namespace ServerlessSupport.Functions.Hosting;

/// <summary>The custom-handler response payload. Our functions have no output bindings, so Outputs stays empty.</summary>
internal sealed record CustomHandlerResponse(IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<string> Logs, string? ReturnValue)
{
    public static CustomHandlerResponse WithLogs(params string[] logs) => new(new Dictionary<string, string>(), logs, null);
}
