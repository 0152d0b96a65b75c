using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Storage;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>The intake pipeline's services: storage adapters of Core's ports, the Core steps, and the email sender.</summary>
internal static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services.AddSingleton(_ => new StorageNames(configuration["Storage:Prefix"]));
        services.AddSingleton(sp =>
        {
            var support = sp.GetRequiredService<IOptions<SupportOptions>>().Value;
            return new SupportIdentity(support.Address, string.IsNullOrWhiteSpace(support.TeamName) ? "Support" : support.TeamName);
        });

        services.AddSingleton<ITicketStore>(sp => new TableTicketStore(Table(sp, StorageNames.Tickets), sp.GetRequiredService<TableDueIndex>()));
        services.AddSingleton<IMessageIndex>(sp => new TableMessageIndex(Table(sp, StorageNames.MessageIds)));
        services.AddSingleton<IIntakeRecords>(sp => new TableIntakeRecords(Table(sp, StorageNames.IntakeRecords)));
        services.AddSingleton<ISenderThrottle>(sp => new TableSenderThrottle(
            Table(sp, StorageNames.Senders),
            sp.GetRequiredService<TimeProvider>(),
            Options.Create(new SenderThrottleOptions
            {
                PerSender = sp.GetRequiredService<SupportPolicy>().AutoReplyLimit.PerSender,
                Window = sp.GetRequiredService<SupportPolicy>().AutoReplyLimit.Window,
            })));
        services.AddSingleton<IInboundPayloadStore>(sp => new BlobInboundPayloadStore(
            Container(sp, StorageNames.InboundContainer),
            Container(sp, StorageNames.QuarantineContainer),
            Container(sp, StorageNames.AttachmentContainer)));
        services.AddSingleton<IInboundQueue>(sp => new QueueInboundQueue(Queue(sp, QueueNames.Inbound)));
        services.AddSingleton<IDispatchQueue>(sp => new QueueDispatchQueue(Queue(sp, QueueNames.Outbound)));

        services.AddSingleton<AcceptInboundHandler>();
        services.AddSingleton<TicketComposer>();
        services.AddSingleton<ProcessInboundHandler>();
        services.AddSingleton<DispatchEmailHandler>();
        services.AddOptions<DispatchOptions>().BindConfiguration("Dispatch");
        services.AddOptions<InboundOptions>().BindConfiguration("SendGrid");
        services.AddSingleton<InboundSignatureVerifier>();
        services.AddSingleton(sp => new DevOutboxTable(Table(sp, StorageNames.DevOutbox)));

        if (string.IsNullOrWhiteSpace(configuration["SendGrid:ApiKey"]))
        {
            if (mode == HostMode.CustomHandler)
            {
                throw new InvalidOperationException($"{AppSettings.SendGridApiKey} is required under the Functions host; only the standalone host may keep mail in the local outbox.");
            }

            services.AddSingleton<IEmailSender>(sp => new LocalOutboxEmailSender(
                sp.GetRequiredService<DevOutboxTable>().Table,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LocalOutboxEmailSender>>()));
        }
        else
        {
            services.AddSendGridEmailSender();
        }

        services.AddHostedService<StorageInitializer>();
        return services;
    }

    private static Storage.Tables.StorageTableClient Table(IServiceProvider sp, string name) =>
        sp.GetRequiredService<StorageClients>().GetTable(sp.GetRequiredService<StorageNames>().Table(name));

    private static Storage.Blobs.StorageBlobContainerClient Container(IServiceProvider sp, string name) =>
        sp.GetRequiredService<StorageClients>().GetContainer(sp.GetRequiredService<StorageNames>().Container(name));

    private static Storage.Queues.StorageQueueClient Queue(IServiceProvider sp, string name) =>
        sp.GetRequiredService<StorageClients>().GetQueue(sp.GetRequiredService<StorageNames>().Queue(name));
}
