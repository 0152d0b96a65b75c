using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Storage.Http;

/// <summary>Builds one Azure.Core pipeline per storage service with the account's authorisation.</summary>
public static class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";

    public static HttpPipeline Create(StorageAccount account, StorageService service, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        options ??= new StorageClientOptions();

        HttpPipelinePolicy auth = account.SharedKey is { } key
            ? new SharedKeyPolicy(service, account.Name, key, options.TimeProvider)
            : new BearerTokenAuthenticationPolicy(account.Credential!, TokenScope);

        return HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [new VersionPolicy(service)],
            perRetryPolicies: [auth],
            responseClassifier: new ResponseClassifier());
    }

    private sealed class VersionPolicy(StorageService service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ApiVersion);
            if (service == StorageService.Table)
            {
                message.Request.Headers.SetValue("DataServiceVersion", "3.0");
                message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
            }
        }
    }
}
