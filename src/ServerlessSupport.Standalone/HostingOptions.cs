namespace ServerlessSupport.Standalone;

/// <summary>The <c>AzureFunctionsWebHost__*</c> settings the standalone host honours.</summary>
internal sealed class HostingOptions
{
    public const string Section = "AzureFunctionsWebHost";

    public const string DefaultHostId = "serverlesssupport";

    /// <summary>Bound from <c>AzureFunctionsWebHost__hostid</c>.</summary>
    public string HostId { get; set; } = DefaultHostId;
}
