namespace ServerlessSupport.Functions.Hosting;

/// <summary>Endpoint metadata on every catalog HTTP endpoint: which function it is and the auth level it declares.</summary>
internal sealed record FunctionEndpointMetadata(string FunctionName, FunctionAuthLevel AuthLevel);
