using Azure.Core;

namespace ServerlessSupport.Storage.Http;

/// <summary>Pipeline options: Azure.Core's retry policy (408, 429, 500, 502, 503, 504 and timeouts), bounded.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version every request states.</summary>
    public const string ApiVersion = "2024-11-04";

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(5);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingEnabled = false;
        Diagnostics.IsDistributedTracingEnabled = false;
        Diagnostics.IsTelemetryEnabled = false;
    }

    /// <summary>The clock for request dates; tests may pin it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
