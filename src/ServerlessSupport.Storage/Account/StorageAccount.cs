using Azure.Core;

namespace ServerlessSupport.Storage.Account;

/// <summary>
/// Where a storage account's three services live and how requests to them are authorised:
/// either a Shared Key or an Entra ID token credential, never both.
/// </summary>
public sealed record StorageAccount
{
    public StorageAccount(string name, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, byte[]? sharedKey, TokenCredential? credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if ((sharedKey is null) == (credential is null))
        {
            throw new ArgumentException("A storage account needs exactly one of a shared key or a token credential.");
        }

        Name = name;
        BlobEndpoint = EnsureTrailingSlash(blobEndpoint);
        QueueEndpoint = EnsureTrailingSlash(queueEndpoint);
        TableEndpoint = EnsureTrailingSlash(tableEndpoint);
        SharedKey = sharedKey;
        Credential = credential;
    }

    /// <summary>The well-known Azurite / storage emulator account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's published, non-secret key.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string Name { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

#pragma warning disable CA1819 // The key is handed to the signer as bytes; copying it per request buys nothing.
    public byte[]? SharedKey { get; }
#pragma warning restore CA1819

    public TokenCredential? Credential { get; }

    public Uri EndpointFor(StorageService service) => service switch
    {
        StorageService.Blob => BlobEndpoint,
        StorageService.Queue => QueueEndpoint,
        StorageService.Table => TableEndpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>The emulator account on loopback with the given ports (Azurite's defaults are 10000-10002).</summary>
    public static StorageAccount Development(string host = "127.0.0.1", int blobPort = 10000, int queuePort = 10001, int tablePort = 10002) =>
        new(
            DevelopmentAccountName,
            new Uri($"http://{host}:{blobPort}/{DevelopmentAccountName}/"),
            new Uri($"http://{host}:{queuePort}/{DevelopmentAccountName}/"),
            new Uri($"http://{host}:{tablePort}/{DevelopmentAccountName}/"),
            Convert.FromBase64String(DevelopmentAccountKey),
            null);

    public override string ToString() => $"StorageAccount {{ Name = {Name}, Blob = {BlobEndpoint}, Queue = {QueueEndpoint}, Table = {TableEndpoint} }}";

    private static Uri EnsureTrailingSlash(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
