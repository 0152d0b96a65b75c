using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Hosting;

/// <summary>POSTs the request payloads of the custom-handler documentation, as the Functions host sends them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomHandlerContractTests(AzuriteFixture fixture) : IAsyncLifetime
{
    // Verbatim from "Azure Functions custom handlers" → Request payload (queue trigger, binding "myQueueItem").
    private const string DocumentedQueuePayload = """
        {
          "Data": {
            "myQueueItem": "{ message: \"Message sent\" }"
          },
          "Metadata": {
            "DequeueCount": 1,
            "ExpirationTime": "2019-10-16T17:58:31+00:00",
            "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
            "InsertionTime": "2019-10-09T17:58:31+00:00",
            "NextVisibleTime": "2019-10-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": {
              "MethodName": "QueueTrigger",
              "UtcNow": "2019-10-09T17:58:32.2205399Z",
              "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9"
            }
          }
        }
        """;

    // The timer trigger's binding data as the host serialises TimerInfo (Schedule, ScheduleStatus, IsPastDue).
    private const string TimerPayload = """
        {
          "Data": {
            "myTimer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": {
                "Last": "2026-01-05T08:59:00+00:00",
                "Next": "2026-01-05T09:00:00+00:00",
                "LastUpdated": "2026-01-05T08:59:00.0123456+00:00"
              },
              "IsPastDue": true
            }
          },
          "Metadata": {
            "sys": {
              "MethodName": "Sweep",
              "UtcNow": "2026-01-05T09:00:00.0312345Z",
              "RandGuid": "5f0d7d4a-8f11-4e1f-9c1e-3e0f7f5a8d21"
            }
          }
        }
        """;

    private readonly Recorder _recorder = new();
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        var catalog = new FunctionCatalog(
        [
            FunctionDefinition.Queue<RecordingQueueFunction>("MyQueueFunction", "messages-incoming", bindingName: "myQueueItem"),
            FunctionDefinition.Queue<RecordingQueueFunction>("ProcessInbound", "inbound"),
            FunctionDefinition.Queue<FailingQueueFunction>("Failing", "failing"),
            FunctionDefinition.Timer<RecordingTimerFunction>("Sweep", "0 */5 * * * *", bindingName: "myTimer"),
            FunctionDefinition.Http<ServerlessSupport.Functions.Health.HealthFunction>("Health", "health", ["GET"], FunctionAuthLevel.Anonymous),
        ]);
        _app = await TestApp.StartAsync(fixture.ConnectionString, customHandler: true, services =>
        {
            services.AddSingleton(catalog);
            services.AddSingleton(_recorder);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_DocumentedQueuePayload_Answers200WithResponseShapeAndHandlerSeesMessage()
    {
        using var response = await PostAsync("MyQueueFunction", DocumentedQueuePayload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("ReturnValue").ValueKind);

        var seen = Assert.Single(_recorder.Queue);
        Assert.Equal("{ message: \"Message sent\" }", seen.Text);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", seen.MessageId);
        Assert.Equal(1, seen.DequeueCount);
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 17, 58, 31, TimeSpan.Zero), seen.InsertedOn);
        Assert.Equal("messages-incoming", seen.QueueName);
    }

    [Fact]
    public async Task Post_QueueMessageThatIsJsonObjectWithStringMetadata_HandlerGetsRawText()
    {
        const string payload = """
            {"Data":{"message":{"blob":"inbound/2026/01/05/abc.json","kind":"sendgrid"}},
             "Metadata":{"DequeueCount":"3","Id":"m-1","InsertionTime":"2026-01-05T09:00:00Z"}}
            """;

        using var response = await PostAsync("processinbound", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_recorder.Queue);
        using var text = JsonDocument.Parse(seen.Text);
        Assert.Equal("inbound/2026/01/05/abc.json", text.RootElement.GetProperty("blob").GetString());
        Assert.Equal(3, seen.DequeueCount);
        Assert.Equal("m-1", seen.MessageId);
        Assert.Equal("inbound", seen.QueueName);
    }

    [Fact]
    public async Task Post_TimerPayload_Answers200AndHandlerSeesSchedule()
    {
        using var response = await PostAsync("Sweep", TimerPayload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_recorder.Timer);
        Assert.True(seen.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 59, 0, TimeSpan.Zero), seen.Last);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), seen.ScheduledFor);
        Assert.Equal(0, seen.Next.Minute % 5);
        Assert.Equal(0, seen.Next.Second);
    }

    [Fact]
    public async Task Post_TimerPayloadAsEscapedString_IsReadToo()
    {
        const string payload = """{"Data":{"myTimer":"{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}"},"Metadata":{}}""";

        using var response = await PostAsync("Sweep", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_recorder.Timer);
        Assert.False(seen.IsPastDue);
        Assert.Null(seen.Last);
    }

    [Fact]
    public async Task Post_HandlerThrows_Answers500WithLogsAndNoSecretsOrStackTrace()
    {
        using var response = await PostAsync("Failing", """{"Data":{"message":"x"},"Metadata":{"DequeueCount":1,"Id":"f-1"}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        var log = Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.Contains("ticket store unavailable", log, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.DoesNotContain(FailingQueueFunction.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NoSuchFunction")]
    [InlineData("Health")]
    public async Task Post_UnknownOrHttpFunction_Answers404(string name)
    {
        using var response = await PostAsync(name, DocumentedQueuePayload);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(name, body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(_recorder.Queue);
    }

    [Fact]
    public async Task Post_PayloadWithoutBinding_Answers400AndRunsNothing()
    {
        using var response = await PostAsync("MyQueueFunction", """{"Data":{"other":"x"},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_recorder.Queue);
    }

    [Fact]
    public async Task Get_HttpFunctionRoute_IsServedRawUnderApi()
    {
        using var response = await _app.Client.GetAsync(new Uri("api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        return await _app.Client.PostAsync(new Uri(function, UriKind.Relative), content);
    }
}
