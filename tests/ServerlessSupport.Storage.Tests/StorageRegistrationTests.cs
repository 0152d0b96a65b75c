using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Health;
using ServerlessSupport.Storage.Outbound;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageRegistrationTests(AzuriteFixture fixture)
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json"))));
        services.AddSupportStorage(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddSupportStorage_ConnectionStringAndPrefix_InitializerCreatesEveryPrefixedResource()
    {
        var prefix = AzuriteFixture.UniqueName("p")[..12];
        await using var provider = Build(("AzureWebJobsStorage", fixture.ConnectionString), ("Storage:Prefix", prefix));

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(default);
        }

        var tables = new List<string>();
        await foreach (var t in fixture.Azurite.TableService.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            tables.Add(t.Name);
        }

        Assert.Equal(StorageNames.AllTables.Select(t => prefix + t).Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        foreach (var queue in StorageNames.AllQueues)
        {
            Assert.True(await fixture.Azurite.QueueService.GetQueueClient($"{prefix}-{queue}").ExistsAsync(), queue);
        }

        foreach (var container in StorageNames.AllContainers)
        {
            Assert.True(await fixture.Azurite.BlobService.GetBlobContainerClient($"{prefix}-{container}").ExistsAsync(), container);
        }

        // Every port resolves to its adapter on those names.
        Assert.NotNull(provider.GetRequiredService<ITicketStore>());
        Assert.NotNull(provider.GetRequiredService<IDueIndex>());
        Assert.NotNull(provider.GetRequiredService<IMessageIndex>());
        Assert.NotNull(provider.GetRequiredService<ISenderThrottle>());
        Assert.NotNull(provider.GetRequiredService<IIntakeRecords>());
        Assert.NotNull(provider.GetRequiredService<IInboundPayloadStore>());
        Assert.NotNull(provider.GetRequiredService<IInboundQueue>());
        Assert.NotNull(provider.GetRequiredService<IDispatchQueue>());
        Assert.NotNull(provider.GetRequiredService<IAgentDirectory>());
    }

    [Fact]
    public void AddSupportStorage_AccountName_ClientsOnTheAccountsPublicEndpoints()
    {
        using var provider = Build(("AzureWebJobsStorage:accountName", "contoso"));

        Assert.Equal(new Uri("https://contoso.table.core.windows.net/"), provider.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://contoso.queue.core.windows.net/"), provider.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("https://contoso.blob.core.windows.net/"), provider.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public void AddSupportStorage_ServiceUris_EachClientOnItsOwnUri()
    {
        using var provider = Build(
            ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net/"),
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net/"),
            ("AzureWebJobsStorage:blobServiceUri", "https://b.example.net/"));

        Assert.Equal("t.example.net", provider.GetRequiredService<TableServiceClient>().Uri.Host);
        Assert.Equal("q.example.net", provider.GetRequiredService<QueueServiceClient>().Uri.Host);
        Assert.Equal("b.example.net", provider.GetRequiredService<BlobServiceClient>().Uri.Host);
    }

    [Fact]
    public void AddSupportStorage_DevelopmentStorage_ClientsOnTheEmulatorsDefaultPorts()
    {
        using var provider = Build(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal(10002, provider.GetRequiredService<TableServiceClient>().Uri.Port);
        Assert.Equal(10001, provider.GetRequiredService<QueueServiceClient>().Uri.Port);
        Assert.Equal(10000, provider.GetRequiredService<BlobServiceClient>().Uri.Port);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "https://t.example.net/")]
    [InlineData("AzureWebJobsStorage:accountName", "   ")]
    public void AddSupportStorage_NoUsableSettings_FailsNamingTheSettings(string? key, string? value)
    {
        using var provider = key is null ? Build() : Build((key, value!));

        var error = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<TableServiceClient>);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSupportStorage_ServiceUriNotAUri_FailsNamingTheSetting()
    {
        using var provider = Build(("AzureWebJobsStorage:accountName", "contoso"), ("AzureWebJobsStorage:queueServiceUri", "queue.example.net"));

        var error = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<QueueServiceClient>);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueServiceClient_MessageThatIsNotBase64_MovedUnchangedToPoisonInsteadOfReturned()
    {
        await using var provider = Build(("AzureWebJobsStorage", fixture.ConnectionString));
        var queue = provider.GetRequiredService<QueueServiceClient>().GetQueueClient(AzuriteFixture.UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        var raw = new QueueServiceClient(fixture.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.GetQueueClient(queue.Name).SendMessageAsync("plain text, {not base64}");
        await queue.SendMessageAsync("fine");

        var received = (await queue.ReceiveMessagesAsync(10)).Value;

        Assert.Equal("fine", Assert.Single(received).Body.ToString());
        var poisoned = Assert.Single((await raw.GetQueueClient(queue.Name + "-poison").PeekMessagesAsync(10)).Value);
        Assert.Equal("plain text, {not base64}", poisoned.Body.ToString());
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task HealthProbe_AzuriteUp_EveryServiceReachable()
    {
        await using var provider = Build(("AzureWebJobsStorage", fixture.ConnectionString));

        var result = await provider.GetRequiredService<StorageHealthProbe>().CheckAsync(default);

        Assert.Equal(new Dictionary<string, string> { ["blob"] = "reachable", ["queue"] = "reachable", ["table"] = "reachable" }, result);
    }

    [Fact]
    public async Task HealthProbe_NothingListening_EveryServiceUnreachableWithTheReason()
    {
        var port = LoopbackPort.Free();
        await using var provider = Build(("AzureWebJobsStorage", AzuriteProcess.ConnectionStringFor(port, port, port)));

        var result = await provider.GetRequiredService<StorageHealthProbe>().CheckAsync(default);

        Assert.All(result.Values, v => Assert.Equal("unreachable: connection refused", v));
    }

    [Fact]
    public async Task DevOutbox_SentMail_ListedNewestFirst()
    {
        await using var provider = Build(("AzureWebJobsStorage", fixture.ConnectionString), ("Storage:Prefix", AzuriteFixture.UniqueName("d")[..12]));
        var table = provider.GetRequiredService<StorageClients>().Table(StorageNames.DevOutbox);
        await table.CreateIfNotExistsAsync();
        var outbox = provider.GetRequiredService<TableDevOutbox>();
        static OutboundEmail Mail(string subject) => new(new Mailbox("support@example.test"), [new Mailbox("jane@example.com")], subject, "body", null, "<m@example.test>", null, [], "auto-replied");

        await outbox.SendAsync(Mail("first"), default);
        await Task.Delay(20);
        var sent = await outbox.SendAsync(Mail("second"), default);

        Assert.IsType<SendResult.Sent>(sent);
        var listed = await outbox.ListAsync(10, default);
        Assert.Equal(["second", "first"], listed.Select(m => m.Subject));
        Assert.Equal("jane@example.com", listed[0].To);
    }
}
