using System.Text.Json.Nodes;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Hosting;

/// <summary>
/// functions.metadata, which Microsoft.Azure.Functions.Worker.Sdk writes when the Functions project builds and the
/// Functions host indexes: every function with the trigger, queue, schedule, route and auth level it declares.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
    {
        // This test project is built in the same configuration as the Functions project it references.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = RepositoryRoot.Combine("src", "ServerlessSupport.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    });

    public static TheoryData<string, string, string?, string?, string?> Expected() => new()
    {
        { "Health", "httpTrigger", "health", "get", "Anonymous" },
        { "Csat", "httpTrigger", "csat/{token}", "get,head", "Anonymous" },
        { "CsatAnswer", "httpTrigger", "csat/{token}", "post", "Anonymous" },
        { "Dashboard", "httpTrigger", "dashboard/{*path}", "get", "Anonymous" },
        { "InboundEmail", "httpTrigger", "inbound/{kind}", "post", "Function" },
        { "DevOutbox", "httpTrigger", "dev/outbox", "get", "Function" },
        { "Me", "httpTrigger", "me", "get", "Anonymous" },
        { "UpdateMe", "httpTrigger", "me", "patch", "Anonymous" },
        { "ListTickets", "httpTrigger", "tickets", "get", "Anonymous" },
        { "GetTicket", "httpTrigger", "tickets/{id}", "get", "Anonymous" },
        { "UpdateTicket", "httpTrigger", "tickets/{id}", "patch", "Anonymous" },
        { "ReplyToTicket", "httpTrigger", "tickets/{id}/replies", "post", "Anonymous" },
        { "Metrics", "httpTrigger", "metrics", "get", "Anonymous" },
        { "IntakeRecords", "httpTrigger", "intake-records", "get", "Anonymous" },
        { "RecoverIntakeRecord", "httpTrigger", "intake-records/{id}/recover", "post", "Anonymous" },
        { "DismissIntakeRecord", "httpTrigger", "intake-records/{id}/dismiss", "post", "Anonymous" },
        { "OpenApiDocument", "httpTrigger", "openapi/{documentName}.json", "get", "Anonymous" },
        { "ProcessInbound", "queueTrigger", "inbound", null, null },
        { "DispatchEmail", "queueTrigger", "outbound", null, null },
        { "InboundPoison", "queueTrigger", "inbound-poison", null, null },
        { "OutboundPoison", "queueTrigger", "outbound-poison", null, null },
        { "FollowUpSweep", "timerTrigger", "%Support:FollowUpSchedule%", null, null },
        { "EscalationSweep", "timerTrigger", "%Support:EscalationSchedule%", null, null },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void FunctionsMetadata_Function_HasItsDeclaredTrigger(string name, string type, string? target, string? method, string? authLevel)
    {
        var function = Assert.Single(Metadata.Value, f => (string?)f!["name"] == name)!;
        Assert.Equal("dotnet-isolated", (string?)function["language"]);
        var trigger = Assert.Single(function["bindings"]!.AsArray(), b => (string?)b!["direction"] == "In")!;
        Assert.Equal(type, (string?)trigger["type"]);
        switch (type)
        {
            case "httpTrigger":
                Assert.Equal(target, (string?)trigger["route"]);
                Assert.Equal(method!.Split(','), trigger["methods"]!.AsArray().Select(m => (string?)m));
                Assert.Equal(authLevel, (string?)trigger["authLevel"]);
                break;
            case "queueTrigger":
                Assert.Equal(target, (string?)trigger["queueName"]);
                break;
            default:
                Assert.Equal(target, (string?)trigger["schedule"]);
                break;
        }
    }

    [Fact]
    public void FunctionsMetadata_EveryFunction_IsExpectedAndIndexedByTheStandaloneHostToo()
    {
        var names = Metadata.Value.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Expected().Select(row => (string)row[0]).Order(StringComparer.Ordinal), names);
        Assert.Equal(names, FunctionIndex.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HostJson_IsVersion2WithQueueSettingsAndNoCustomHandler()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!.AsObject();

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.NotNull(host["extensions"]!["queues"]);
        Assert.Null(host["customHandler"]);
    }
}
