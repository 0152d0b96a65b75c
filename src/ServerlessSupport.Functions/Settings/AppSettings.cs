namespace ServerlessSupport.Functions.Settings;

/// <summary>Every setting the app reads. A test checks each is set by the Bicep and documented in the local sample.</summary>
internal static class AppSettings
{
    public const string Storage = "AzureWebJobsStorage";
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageBlobServiceUri = "AzureWebJobsStorage__blobServiceUri";
    public const string StorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";
    public const string StorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";
    public const string HostId = "AzureFunctionsWebHost__hostid";
    public const string SendGridApiKey = "SendGrid__ApiKey";
    public const string SendGridBaseUrl = "SendGrid__BaseUrl";
    public const string SupportAddress = "Support__Address";
    public const string SupportTeamName = "Support__TeamName";
    public const string StoragePrefix = "Storage__Prefix";
    public const string DispatchFirstRetryDelay = "Dispatch__FirstRetryDelay";
    public const string DispatchMaxRetryDelay = "Dispatch__MaxRetryDelay";
    public const string DispatchClaimDuration = "Dispatch__ClaimDuration";
    public const string DispatchMaxAttempts = "Dispatch__MaxAttempts";
    public const string SendGridInboundVerificationKey = "SendGrid__InboundVerificationKey";
    public const string SupportWebhookKeys = "Support__WebhookKeys";
    public const string SupportPolicyPath = "Support__PolicyPath";
    public const string SupportFollowUpSchedule = "Support__FollowUpSchedule";
    public const string SupportEscalationSchedule = "Support__EscalationSchedule";
    public const string SupportPublicBaseUrl = "Support__PublicBaseUrl";
    public const string SupportSurveySigningKey = "Support__SurveySigningKey";
    public const string SupportReplyAddressKeys = "Support__ReplyAddressKeys";
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IReadOnlyList<AppSetting> All { get; } =
    [
        new(Storage, "Storage connection string (UseDevelopmentStorage=true locally); Azure uses the identity-based settings below.", Local: true, Azure: false),
        new(StorageAccountName, "Storage account name for Entra ID (managed identity) access.", Local: false, Azure: true),
        new(StorageBlobServiceUri, "Blob endpoint for identity-based access.", Local: false, Azure: true),
        new(StorageQueueServiceUri, "Queue endpoint for identity-based access.", Local: false, Azure: true),
        new(StorageTableServiceUri, "Table endpoint for identity-based access.", Local: false, Azure: true),
        new(HostId, "Standalone host: the host id naming its timer lease and schedule-status blobs (lower case, at most 32 characters). The Functions host derives its own from the app's name and warns when it is set.", Local: true, Azure: false),
        new(SendGridApiKey, "SendGrid API key (a Key Vault reference in Azure).", Local: true, Azure: true),
        new(SendGridBaseUrl, "SendGrid API base URL; tests point it at a local server.", Local: true, Azure: true),
        new(SupportAddress, "The support mailbox customers write to.", Local: true, Azure: true),
        new(SupportTeamName, "The team's name in the From line and signatures of mail we send.", Local: true, Azure: true),
        new(StoragePrefix, "Optional prefix for every table, queue and container name (standalone only: the triggers name the Functions host's queues).", Local: true, Azure: false),
        new(SendGridInboundVerificationKey, "Optional ECDSA public key (SendGrid console) to verify signed inbound webhooks.", Local: true, Azure: true),
        new(DispatchFirstRetryDelay, "First delay before retrying a send SendGrid refused for now (doubles per attempt).", Local: true, Azure: true),
        new(DispatchMaxRetryDelay, "Longest delay between send attempts.", Local: true, Azure: true),
        new(DispatchClaimDuration, "How long a dispatcher owns an outbox row while sending.", Local: true, Azure: true),
        new(DispatchMaxAttempts, "Send attempts before an email is marked failed.", Local: true, Azure: true),
        new(SupportWebhookKeys, "Comma-separated keys the inbound webhook accepts.", Local: true, Azure: true),
        new(SupportPolicyPath, "Path of the policy JSON file.", Local: true, Azure: true),
        new(SupportFollowUpSchedule, "6-field CRON for FollowUpSweep.", Local: true, Azure: true),
        new(SupportEscalationSchedule, "6-field CRON for EscalationSweep.", Local: true, Azure: true),
        new(SupportPublicBaseUrl, "Public base URL used in links sent to customers.", Local: true, Azure: true),
        new(SupportSurveySigningKey, "Key signing satisfaction-survey links.", Local: true, Azure: true),
        new(SupportReplyAddressKeys, "Keys signing agents' reply addresses: id:secret pairs, newest first (empty: no replies by email).", Local: true, Azure: true),
        new(ApplicationInsightsConnectionString, "Application Insights: when set, traces, metrics and logs go to Azure Monitor.", Local: false, Azure: true),
        new(ApplicationInsightsAuthenticationString, "Authorization=AAD: Azure Monitor is reached with the app's managed identity.", Local: false, Azure: true),
        new(OtlpEndpoint, "When set, traces and metrics also go to this OTLP endpoint (OTEL_EXPORTER_OTLP_* settings apply).", Local: true, Azure: false),
    ];
}
