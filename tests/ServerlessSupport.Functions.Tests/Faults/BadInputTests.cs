using System.Text.Json.Nodes;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Faults;

/// <summary>
/// Generated bad input through the real webhook and pipeline (storage up): every body gets a 2xx (processed or quarantined)
/// or a 4xx, never a 5xx; the app keeps answering; nothing is poisoned (no handler throws on input); every ticket row has
/// its message rows; and no header SendGrid receives holds CR or LF.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadInputTests(AzuriteFixture fixture)
{
    private const int CasesPerFamily = 45;
    private const int Seed = 20_260_107;

    public static TheoryData<string> Families => [.. BadInputGenerator.Families];

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Webhook_GeneratedBadInput_NeverFailsCrashesOrHalfWrites(string family)
    {
        await using var host = await PipelineHost.StartAsync(fixture);
        var cases = new BadInputGenerator(Seed).Generate(family, CasesPerFamily).ToList();
        var failures = new List<string>();

        // A few at a time: enough to overlap the pipeline's work, not so many that big bodies swamp a 2-core machine.
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await host.PostInboundAsync(c.Kind, PipelineHost.Body(c.Body, c.ContentType));
                var status = (int)response.StatusCode;
                if (status is < 200 or (>= 300 and < 400) or >= 500)
                {
                    lock (failures)
                    {
                        failures.Add($"{c}: HTTP {status}");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        await host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        using (var health = await host.Client.GetAsync(new Uri("/api/health", UriKind.Relative)))
        {
            Assert.True(health.IsSuccessStatusCode, $"health answered {(int)health.StatusCode} after the {family} cases");
        }

        var poisoned = await PoisonCountAsync(host);
        var reasons = (await host.GetIntakeRecordsAsync()).Where(r => r.Kind == IntakeRecord.Poison).Select(r => r.Reason).Distinct();
        Assert.True(poisoned == 0, $"{poisoned} {family} payload(s) made ProcessInbound throw until poisoned: {string.Join(" | ", reasons)}");

        foreach (var ticket in await host.GetTicketsAsync())
        {
            var messages = await host.GetMessagesAsync(ticket.Id);
            if (messages.Count == 0 || messages.Count != ticket.MessageCount)
            {
                failures.Add($"ticket {ticket.Id}: {messages.Count} message rows, ticket says {ticket.MessageCount}");
            }
        }

        foreach (var request in host.SendGrid.Requests)
        {
            failures.AddRange(HeadersWithLineBreaks(request).Select(h => $"SendGrid request {request.Sequence}: CR/LF in {h}"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void Generator_SameSeed_SameCases()
    {
        var first = BadInputGenerator.Families.SelectMany(f => new BadInputGenerator(7).Generate(f, 12)).ToList();
        var second = BadInputGenerator.Families.SelectMany(f => new BadInputGenerator(7).Generate(f, 12)).ToList();

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.True(pair.First.Body.AsSpan().SequenceEqual(pair.Second.Body), pair.First.Name));
    }

    [Fact]
    public void HeadersWithLineBreaks_InjectedSubject_IsFound()
    {
        // The check itself must be able to fail.
        var body = JsonNode.Parse("""{"subject":"Hi\r\nBcc: x@evil.test","from":{"email":"a@b.example"},"personalizations":[{"to":[{"email":"c@d.example","name":"C\nD"}]}],"headers":{"In-Reply-To":"<a@b>"}}""");
        var request = new FakeSendGridRequest(1, default, "POST", FakeSendGridServer.MailSendPath, new Dictionary<string, string>(), "", body, []);

        Assert.Equal(["subject", "personalizations[0].to[0].name"], HeadersWithLineBreaks(request));
    }

    /// <summary>Every value SendGrid turns into a mail header: subject, from, reply_to, recipients, custom headers.</summary>
    internal static IReadOnlyList<string> HeadersWithLineBreaks(FakeSendGridRequest request)
    {
        var found = new List<string>();
        void Check(string path, JsonNode? node)
        {
            if (FakeSendGridRequest.Text(node) is { } text && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                found.Add(path);
            }
        }

        void CheckAddress(string path, JsonNode? address)
        {
            Check(path + ".email", FakeSendGridRequest.At(address, "email"));
            Check(path + ".name", FakeSendGridRequest.At(address, "name"));
        }

        Check("subject", FakeSendGridRequest.At(request.Body, "subject"));
        CheckAddress("from", FakeSendGridRequest.At(request.Body, "from"));
        CheckAddress("reply_to", FakeSendGridRequest.At(request.Body, "reply_to"));
        if (FakeSendGridRequest.At(request.Body, "personalizations") is JsonArray personalizations)
        {
            for (var p = 0; p < personalizations.Count; p++)
            {
                foreach (var field in new[] { "to", "cc", "bcc" })
                {
                    if (FakeSendGridRequest.At(personalizations[p], field) is JsonArray addresses)
                    {
                        for (var a = 0; a < addresses.Count; a++)
                        {
                            CheckAddress($"personalizations[{p}].{field}[{a}]", addresses[a]);
                        }
                    }
                }

                Check($"personalizations[{p}].subject", FakeSendGridRequest.At(personalizations[p], "subject"));
            }
        }

        if (FakeSendGridRequest.At(request.Body, "headers") is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                Check("headers." + name, value);
            }
        }

        return found;
    }

    private static async Task<int> PoisonCountAsync(PipelineHost host)
    {
        var queue = host.Services.GetRequiredService<StorageClients>().Queue(QueueNames.Inbound + StorageNames.PoisonSuffix);
        try
        {
            return await queue.CountAsync();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
