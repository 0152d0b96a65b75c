using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Storage.Outbound;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>The intake pipeline's services: the Core steps and the email sender (storage registers its own adapters).</summary>
internal static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var support = sp.GetRequiredService<IOptions<SupportOptions>>().Value;
            return new SupportIdentity(support.Address, string.IsNullOrWhiteSpace(support.TeamName) ? "Support" : support.TeamName);
        });

        services.AddSingleton(sp => new ReplyAddresses(
            new ReplyAddressKeys(sp.GetRequiredService<IOptions<SupportOptions>>().Value.ReplyAddressKeys), sp.GetRequiredService<SupportIdentity>()));
        services.AddSingleton<AcceptInboundHandler>();
        services.AddSingleton<TicketComposer>();
        services.AddSingleton<TicketCommitter>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ThreadResolver>();
        services.AddSingleton<InboundRecorder>();
        services.AddSingleton<AgentMailHandler>();
        services.AddSingleton<ProcessInboundHandler>();
        services.AddSingleton<IntakeRecoveryHandler>();
        services.AddSingleton<DispatchEmailHandler>();
        services.AddOptions<DispatchOptions>().BindConfiguration("Dispatch");
        services.AddOptions<InboundOptions>().BindConfiguration("SendGrid");
        services.AddSingleton<InboundSignatureVerifier>();

        if (string.IsNullOrWhiteSpace(configuration["SendGrid:ApiKey"]))
        {
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<TableDevOutbox>());
            services.AddHostedService<LocalOutboxCheck>();
        }
        else
        {
            services.AddSendGridEmailSender();
        }

        return services;
    }
}
