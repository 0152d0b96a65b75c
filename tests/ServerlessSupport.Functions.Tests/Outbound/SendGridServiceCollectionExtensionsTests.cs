using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Outbound;

public sealed class SendGridServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSendGridEmailSender_Configured_ResolvesASenderThatSendsToBaseUrl()
    {
        await using var server = await FakeSendGridServer.StartAsync();
        await using var provider = Provider(new()
        {
            ["SendGrid:ApiKey"] = server.ApiKey,
            ["SendGrid:BaseUrl"] = server.BaseUrl.ToString(),
            ["SendGrid:Timeout"] = "00:00:05",
        });

        var sender = provider.GetRequiredService<IEmailSender>();
        var result = await sender.SendAsync(new OutboundEmailBuilder().Build(), CancellationToken.None);

        Assert.IsType<SendGridEmailSender>(sender);
        Assert.IsType<SendResult.Sent>(result);
        Assert.Equal("Bearer " + server.ApiKey, Assert.Single(server.Requests).Authorization);
        var options = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
    }

    [Fact]
    public async Task AddSendGridEmailSender_Defaults_PointAtThePublicApiWith30Seconds()
    {
        await using var provider = Provider(new() { ["SendGrid:ApiKey"] = "SG.x" });

        var options = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;

        Assert.Equal(new Uri("https://api.sendgrid.com"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public async Task AddSendGridEmailSender_NoApiKey_FailsValidation()
    {
        await using var provider = Provider([]);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEmailSender>());

        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSendGridEmailSender();
        return services.BuildServiceProvider();
    }
}
