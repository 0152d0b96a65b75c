using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Storage.Tests.Account;

public sealed class StorageConnectionStringTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0cw=="; // base64 of "key-bytes-for-tests"

    [Fact]
    public void Parse_UseDevelopmentStorage_GivesEmulatorEndpointsAndKey()
    {
        var account = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", account.Name);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/"), account.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1/"), account.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/"), account.TableEndpoint);
        Assert.Equal(Convert.FromBase64String(StorageAccount.DevelopmentAccountKey), account.SharedKey);
        Assert.Null(account.Credential);
    }

    [Fact]
    public void Parse_AccountNameKeyAndSuffix_BuildsSovereignCloudEndpoints()
    {
        var account = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("contoso", account.Name);
        Assert.Equal(new Uri("https://contoso.blob.core.chinacloudapi.cn/"), account.BlobEndpoint);
        Assert.Equal(new Uri("https://contoso.queue.core.chinacloudapi.cn/"), account.QueueEndpoint);
        Assert.Equal(new Uri("https://contoso.table.core.chinacloudapi.cn/"), account.TableEndpoint);
        Assert.Equal("key-bytes-for-tests"u8.ToArray(), account.SharedKey);
    }

    [Fact]
    public void Parse_NoSuffixOrProtocol_DefaultsToHttpsPublicCloud()
    {
        var account = StorageConnectionString.Parse($"AccountName=contoso;AccountKey={Key}");

        Assert.Equal(new Uri("https://contoso.queue.core.windows.net/"), account.QueueEndpoint);
    }

    [Fact]
    public void Parse_ExplicitServiceEndpoints_AreUsedWithTrailingSlash()
    {
        var account = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:41000/devstoreaccount1/"), account.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1/"), account.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1/"), account.TableEndpoint);
    }

    [Fact]
    public void Parse_MissingAccountKey_ThrowsFormatExceptionNamingAccountKey()
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=contoso"));

        Assert.Contains("AccountKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AccountKeyNotBase64_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=contoso;AccountKey=not*base64!"));

        Assert.Contains("AccountKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingAccountName_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountKey={Key}"));
    }

    [Fact]
    public void Parse_SegmentWithoutEquals_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountName=contoso;garbage;AccountKey={Key}"));
    }
}
