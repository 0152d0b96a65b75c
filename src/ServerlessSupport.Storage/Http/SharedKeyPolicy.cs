using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Storage.Http;

/// <summary>Signs every attempt (it runs per retry so the date is fresh) with the account's Shared Key.</summary>
internal sealed class SharedKeyPolicy(StorageService service, string accountName, byte[] key, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));

        long? length = null;
        if (request.Content is not null && request.Content.TryComputeLength(out var computed))
        {
            length = computed;
        }

        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value));
        var stringToSign = SharedKeySigner.StringToSign(service, accountName, request.Method.Method, request.Uri.ToUri(), headers, length);
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{SharedKeySigner.Sign(stringToSign, key)}");
    }
}
