using Azure.Core;
using Moq;
using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Storage.Tests.Account;

public sealed class StorageSettingsTests
{
    private readonly TokenCredential _credential = new Mock<TokenCredential>().Object;

    [Fact]
    public void Resolve_AccountNameOnly_GivesIdentityAccountOnPublicEndpoints()
    {
        var account = Resolve(new() { ["AzureWebJobsStorage__accountName"] = "contoso" });

        Assert.Equal("contoso", account.Name);
        Assert.Equal(new Uri("https://contoso.blob.core.windows.net/"), account.BlobEndpoint);
        Assert.Equal(new Uri("https://contoso.queue.core.windows.net/"), account.QueueEndpoint);
        Assert.Equal(new Uri("https://contoso.table.core.windows.net/"), account.TableEndpoint);
        Assert.Same(_credential, account.Credential);
        Assert.Null(account.SharedKey);
    }

    [Fact]
    public void Resolve_ExplicitServiceUris_UsesThemAndNamesAccountFromBlobHost()
    {
        var account = Resolve(new()
        {
            ["AzureWebJobsStorage__blobServiceUri"] = "https://contoso.blob.core.usgovcloudapi.net",
            ["AzureWebJobsStorage__queueServiceUri"] = "https://contoso.queue.core.usgovcloudapi.net",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://contoso.table.core.usgovcloudapi.net",
        });

        Assert.Equal("contoso", account.Name);
        Assert.Equal(new Uri("https://contoso.queue.core.usgovcloudapi.net/"), account.QueueEndpoint);
        Assert.Equal(new Uri("https://contoso.table.core.usgovcloudapi.net/"), account.TableEndpoint);
        Assert.Same(_credential, account.Credential);
        Assert.Null(account.SharedKey);
    }

    [Fact]
    public void Resolve_ConnectionStringSetting_WinsAndUsesSharedKey()
    {
        var account = Resolve(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage__accountName"] = "contoso",
        });

        Assert.Equal(StorageAccount.DevelopmentAccountName, account.Name);
        Assert.NotNull(account.SharedKey);
        Assert.Null(account.Credential);
    }

    [Fact]
    public void Resolve_NothingConfigured_ThrowsNamingTheSettings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Resolve([]));

        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlySomeServiceUrisWithoutAccountName_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            Resolve(new() { ["AzureWebJobsStorage__blobServiceUri"] = "https://contoso.blob.core.windows.net" }));
    }

    private StorageAccount Resolve(Dictionary<string, string> settings) =>
        StorageSettings.Resolve("AzureWebJobsStorage", key => settings.GetValueOrDefault(key), () => _credential);
}
