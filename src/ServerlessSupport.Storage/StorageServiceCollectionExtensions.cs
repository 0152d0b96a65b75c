using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Storage.Health;
using ServerlessSupport.Storage.Hosting;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Storage.Outbound;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Storage;

/// <summary>The storage layer's one composition root: the Azure SDK clients and every adapter of Core's ports on them.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The named clients the health probe uses: no retries, a short network timeout.</summary>
    public const string HealthClientName = "health";

    /// <summary>
    /// Registers <see cref="TableServiceClient"/>, <see cref="QueueServiceClient"/> (Base64 messages, as the Functions host
    /// writes and reads them) and <see cref="BlobServiceClient"/> with Microsoft.Extensions.Azure from the Functions setting
    /// names (<c>AzureWebJobsStorage</c> as a connection string, or <c>AzureWebJobsStorage__accountName</c> /
    /// <c>__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__blobServiceUri</c> with <c>DefaultAzureCredential</c>),
    /// the names under <c>Storage__Prefix</c>, and the adapters. Needs a <see cref="TimeProvider"/> and, for the sender
    /// throttle, the <see cref="SupportPolicy"/>. An unusable connection fails the first resolve, i.e. the app's start.
    /// </summary>
    public static IServiceCollection AddSupportStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = new Lazy<StorageConnection>(() => StorageConnection.FromConfiguration(configuration));

        // The SDKs' event sources reach the log through Microsoft.Extensions.Azure (one line per request and retry at
        // Information); keep warnings and errors unless the configuration asks for more (e.g. Logging:LogLevel:Azure.Core).
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));

        services.AddAzureClients(clients =>
        {
            // Only identity-based settings use it; building it costs nothing until a token is asked for.
            clients.UseCredential(_ => new DefaultAzureCredential());
            AddServiceClients(clients, connection, health: false);
            AddServiceClients(clients, connection, health: true);
        });

        services.AddSingleton(_ => new StorageNames(configuration["Storage:Prefix"]));
        services.AddSingleton<StorageClients>();

        services.AddSingleton(sp => new TableDueIndex(Clients(sp).Table(StorageNames.Due)));
        services.AddSingleton<IDueIndex>(sp => sp.GetRequiredService<TableDueIndex>());
        services.AddSingleton<ITicketStore>(sp => new TableTicketStore(Clients(sp).Table(StorageNames.Tickets), sp.GetRequiredService<TableDueIndex>()));
        services.AddSingleton<IMessageIndex>(sp => new TableMessageIndex(Clients(sp).Table(StorageNames.MessageIds)));
        services.AddSingleton<IIntakeRecords>(sp => new TableIntakeRecords(Clients(sp).Table(StorageNames.IntakeRecords)));
        services.AddSingleton<ISenderThrottle>(sp => new TableSenderThrottle(
            Clients(sp).Table(StorageNames.Senders), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SupportPolicy>().AutoReplyLimit));
        services.AddSingleton<IInboundPayloadStore>(sp => new BlobInboundPayloadStore(
            Clients(sp).Container(StorageNames.InboundContainer),
            Clients(sp).Container(StorageNames.QuarantineContainer),
            Clients(sp).Container(StorageNames.AttachmentContainer)));
        services.AddSingleton<IInboundQueue>(sp => new QueueInboundQueue(Clients(sp).Queue(QueueNames.Inbound)));
        services.AddSingleton<IDispatchQueue>(sp => new QueueDispatchQueue(Clients(sp).Queue(QueueNames.Outbound)));
        services.AddSingleton(sp => new TableDevOutbox(Clients(sp).Table(StorageNames.DevOutbox), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TableDevOutbox>>()));
        services.AddSingleton(sp => new TableAgentKeyStore(Clients(sp).Table(TableAgentKeyStore.TableName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAgentDirectory>(sp => new TableAgentDirectory(Clients(sp).Table(TableAgentKeyStore.TableName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new TableTicketQueries(Clients(sp).Table(StorageNames.Tickets)));
        services.AddSingleton<IPaceSamples>(sp => new TablePaceSamples(Clients(sp).Table(StorageNames.Tickets)));
        services.AddSingleton(sp => new StorageHealthProbe(
            sp.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(HealthClientName),
            sp.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(HealthClientName),
            sp.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(HealthClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StorageHealthProbe>>()));
        services.AddHostedService<StorageInitializer>();
        services.AddMetrics();
        services.AddSingleton<QueueDepthGauge>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueDepthGauge>());
        return services;
    }

    private static StorageClients Clients(IServiceProvider sp) => sp.GetRequiredService<StorageClients>();

    private static void AddServiceClients(AzureClientFactoryBuilder clients, Lazy<StorageConnection> connection, bool health)
    {
        var table = clients.AddClient<TableServiceClient, TableClientOptions>((o, c) => connection.Value.CreateTableService(o, c))
            .ConfigureOptions(o => Configure(o, health));
        var queue = clients.AddClient<QueueServiceClient, QueueClientOptions>((o, c) => connection.Value.CreateQueueService(o, c))
            .ConfigureOptions((o, sp) =>
            {
                o.MessageEncoding = QueueMessageEncoding.Base64;
                Configure(o, health);
                if (!health)
                {
                    UndecodableMessages.For(connection.Value, new DefaultAzureCredential(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<UndecodableMessages>()).Attach(o);
                }
            });
        var blob = clients.AddClient<BlobServiceClient, BlobClientOptions>((o, c) => connection.Value.CreateBlobService(o, c))
            .ConfigureOptions(o => Configure(o, health));
        if (health)
        {
            table.WithName(HealthClientName);
            queue.WithName(HealthClientName);
            blob.WithName(HealthClientName);
        }
    }

    private static void Configure(ClientOptions options, bool health)
    {
        // The SDK's per-request log events are built even when the log level drops them (Microsoft.Extensions.Azure
        // listens at Verbose); at 50 emails/s that doubled the acknowledgment latency (bench-intake p50 829 → 213 ms).
        // Failures still surface as RequestFailedException and are logged where they are handled. Its per-call
        // activities cost about 1.4 ms of CPU per email (bench-intake process_cpu_ms_per_email 10.4 → 9.0); the app's own
        // spans cover each step of an email.
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        if (health)
        {
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = StorageHealthProbe.Timeout;
        }
    }
}
