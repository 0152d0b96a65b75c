namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// <see cref="CustomHandler"/>: the Azure Functions host runs the triggers and POSTs invocations to us.
/// <see cref="Standalone"/>: this process runs queue listeners and timers itself.
/// </summary>
internal enum HostMode
{
    Standalone,
    CustomHandler,
}
