using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Functions.Tests.Faults;

/// <summary>
/// A seeded generator of bad inbound webhook bodies in six families: malformed multipart, oversized headers and fields,
/// invalid charsets and encoded words, deep or huge HTML, header injection (CR/LF in subjects, names, addresses and ids,
/// raw and RFC 2047-encoded), and Unicode edge cases. Each family mixes fixed nasties with random mutations of a valid
/// body, so a failure names a reproducible case (family, index, seed).
/// </summary>
internal sealed class BadInputGenerator(int seed)
{
    public const string Boundary = "xYzZY";

    public static readonly string[] Families = ["multipart", "oversized", "charsets", "html", "injection", "unicode"];

    private static readonly string[] Injections =
    [
        "Hi\r\nBcc: victim@evil.test", "Hi\nBcc: victim@evil.test", "Hi\rBcc: victim@evil.test", "=?utf-8?Q?Hi=0D=0ABcc:_victim@evil.test?=",
        "=?utf-8?B?SGkNCkJjYzogdmljdGltQGV2aWwudGVzdA==?=", "Hi\r\n\r\n<html>body</html>", "Hi\u2028Bcc: x@evil.test", "Hi\u0085Bcc: x@evil.test",
        "Hi%0D%0ABcc: x@evil.test", "\r\n", "Hi\0Bcc: x@evil.test",
    ];

    private static readonly string[] UnicodeOddities =
    [
        "\u202Egnp.exe", "zero\u200Bwidth\u200D", "\uFEFFbom", "e\u0301\u0301\u0301\u0301", "😀🙈🇬🇧", "\u0000nul", "\uFFFF\uFFFE",
        "Ω≈ç√∫", "𝕳𝖊𝖑𝖑𝖔", "\u0085next-line", "ﷺ", new string('\u0301', 5_000), "Ａ\u3000全角", "\u00A0nbsp\u00A0",
    ];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    public IEnumerable<BadInputCase> Generate(string family, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = $"{family}#{i} (seed {seed})";
            yield return family switch
            {
                "multipart" => MalformedMultipart(name, i),
                "oversized" => Oversized(name, i),
                "charsets" => Charsets(name, i),
                "html" => Html(name, i),
                "injection" => Injection(name, i),
                "unicode" => Unicode(name, i),
                _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
            };
        }
    }

    /// <summary>A valid SendGrid parsed-mode body made of these fields.</summary>
    public static byte[] Multipart(IEnumerable<(string Name, string Value)> fields, string boundary = Boundary, Encoding? encoding = null)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            builder.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        builder.Append("--").Append(boundary).Append("--\r\n");
        return (encoding ?? Encoding.UTF8).GetBytes(builder.ToString());
    }

    private string MessageId() => $"<{_random.NextInt64():x16}{_random.NextInt64():x16}@customer.example>";

    private List<(string Name, string Value)> ValidFields(string? subject = null, string? from = null, string? headers = null) =>
    [
        ("headers", headers ?? $"Message-ID: {MessageId()}\r\nFrom: {from ?? $"Jane <jane{_random.Next(1_000_000)}@customer.example>"}\r\nSubject: {subject ?? "Help"}\r\n"),
        ("from", from ?? $"Jane <jane{_random.Next(1_000_000)}@customer.example>"),
        ("to", "support@example.test"),
        ("subject", subject ?? "Help please"),
        ("text", "My order has not arrived."),
        ("envelope", "{\"to\":[\"support@example.test\"],\"from\":\"jane@customer.example\"}"),
        ("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}"),
    ];

    private BadInputCase Sendgrid(string name, byte[] body, string? contentType = null) =>
        new(name, "sendgrid", body, contentType ?? "multipart/form-data; boundary=" + Boundary);

    private static BadInputCase Json(string name, JsonNode node) => new(name, "json", Encoding.UTF8.GetBytes(node.ToJsonString()), "application/json");

    private JsonObject ValidJson(string? subject = null, string? from = null) => new()
    {
        ["from"] = from ?? $"Jane <jane{_random.NextInt64():x16}@customer.example>",
        ["to"] = new JsonArray("support@example.test"),
        ["subject"] = subject ?? "Help please",
        ["text"] = "My order has not arrived.",
        ["messageId"] = MessageId(),
    };

    private BadInputCase MalformedMultipart(string name, int i)
    {
        var valid = Multipart(ValidFields());
        switch (i % 12)
        {
            case 0: return Sendgrid(name, valid, "multipart/form-data");
            case 1: return Sendgrid(name, valid, "multipart/form-data; boundary=other");
            case 2: return Sendgrid(name, valid[..(_random.Next(1, valid.Length))]);
            case 3: return Sendgrid(name, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nno end"));
            case 4: return Sendgrid(name, Encoding.UTF8.GetBytes($"--{Boundary}\r\n\r\nno headers\r\n--{Boundary}--\r\n"));
            case 5: return Sendgrid(name, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--{Boundary}--\r\n"));
            case 6: return Sendgrid(name, Multipart([.. ValidFields(), ("subject", "second subject"), ("from", "second@from.example")]));
            case 7:
                var garbage = new byte[_random.Next(1, 4_096)];
                _random.NextBytes(garbage);
                return Sendgrid(name, garbage);
            case 8: return Sendgrid(name, Multipart([("attachments", "3"), ("attachment-info", "{not json"), ("attachment1", "x"), .. ValidFields()]));
            case 9: return Sendgrid(name, Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"x\"; filename=\"{new string('a', 10_000)}\"\r\n\r\n\r\n--{Boundary}--\r\n"));
            case 10: return Sendgrid(name, [], "multipart/form-data; boundary=" + new string('b', 500));
            default:
                var mutated = (byte[])valid.Clone();
                for (var n = 0; n < 1 + _random.Next(20); n++)
                {
                    mutated[_random.Next(mutated.Length)] = (byte)_random.Next(256);
                }

                return Sendgrid(name, mutated);
        }
    }

    private BadInputCase Oversized(string name, int i) => (i % 8) switch
    {
        0 => Sendgrid(name, Multipart(ValidFields(headers: $"Message-ID: {MessageId()}\r\nX-Long: {new string('h', 1_000_000)}\r\n"))),
        1 => Sendgrid(name, Multipart(ValidFields(headers: string.Concat(Enumerable.Range(0, 20_000).Select(n => $"X-H{n}: v\r\n"))))),
        2 => Sendgrid(name, Multipart(ValidFields(subject: new string('s', 200_000)))),
        3 => Sendgrid(name, Multipart(ValidFields(from: $"{new string('n', 50_000)} <jane@customer.example>"))),
        4 => Json(name, ValidJson() is var j4 && (j4["to"] = new JsonArray([.. Enumerable.Range(0, 5_000).Select(n => (JsonNode)$"r{n}@x.example")])) is not null ? j4 : j4),
        5 => Json(name, ValidJson() is var j5 && (j5["messageId"] = $"<{new string('m', 100_000)}@x>") is not null ? j5 : j5),
        6 => Json(name, ValidJson(subject: new string('s', 1_000_000))),
        _ => Json(name, ValidJson() is var j7 && (j7["text"] = new string('t', _random.Next(1_000_000, 5_000_000))) is not null ? j7 : j7),
    };

    private BadInputCase Charsets(string name, int i)
    {
        var words = new[]
        {
            "=?bogus-charset?Q?caf=E9?=", "=?utf-8?B?@@@not-base64@@@?=", "=?utf-8?Q?unterminated", "=?utf-8?X?unknown-encoding?=", "=?=?utf-8?Q?x?=?=",
            "=?utf-7?B?K0FHRUFhUUJq?=", "=?utf-8?Q?" + new string('=', 300) + "?=", "=??Q?empty?=", "=?utf-8*en?Q?lang?=", "=?utf-8?B?" + new string('A', 100_001) + "?=",
        };
        var subject = words[i % words.Length];
        switch (i % 5)
        {
            case 0: return Sendgrid(name, Multipart(ValidFields(subject: subject)));
            case 1:
                var fields = ValidFields(subject: subject);
                fields[^1] = ("charsets", "{\"subject\":\"x-no-such-charset\",\"text\":\"utf-32\",\"from\":\"\"}");
                return Sendgrid(name, Multipart(fields));
            case 2:
                var broken = ValidFields();
                broken[^1] = ("charsets", i % 2 == 0 ? "{not json" : "[1,2,3]");
                return Sendgrid(name, Multipart(broken));
            case 3:
                // Latin-1 bytes declared as UTF-8, and invalid UTF-8 sequences in the text.
                var bytes = Multipart(ValidFields(subject: "Caf\u00e9 cr\u00e8me"), encoding: Encoding.Latin1);
                return Sendgrid(name, [.. bytes.Take(bytes.Length / 2), 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, .. bytes.Skip(bytes.Length / 2)]);
            default:
                return Json(name, ValidJson(subject: subject, from: $"{words[(i + 3) % words.Length]} <jane{_random.Next()}@customer.example>"));
        }
    }

    private BadInputCase Html(string name, int i)
    {
        var depth = 1_000 * (1 + (i % 20));
        var html = (i % 5) switch
        {
            0 => string.Concat(Enumerable.Repeat("<div>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</div>", depth)),
            1 => string.Concat(Enumerable.Repeat("<b><i><table><tr><td>", depth / 4)),
            2 => "<html><body>" + string.Concat(Enumerable.Repeat("<p>Lorem ipsum dolor sit amet.</p>", 60_000)) + "</body></html>",
            3 => "<script>alert(1)</script><style>*{}</style><img src=x onerror=alert(1)><!--" + new string('-', 100_000),
            _ => "<" + string.Concat(Enumerable.Repeat("a b=\"", 20_000)),
        };
        if (i % 2 == 0)
        {
            var fields = ValidFields();
            fields.RemoveAll(f => f.Name == "text");
            fields.Add(("html", html));
            return Sendgrid(name, Multipart(fields));
        }

        var json = ValidJson();
        json.Remove("text");
        json["html"] = html;
        return Json(name, json);
    }

    private BadInputCase Injection(string name, int i)
    {
        var payload = Injections[i % Injections.Length];
        return (i / Injections.Length % 5) switch
        {
            0 => Json(name, ValidJson(subject: payload)),
            1 => Json(name, ValidJson(from: $"Jane{payload} <jane{_random.Next()}@customer.example>")),
            2 => Json(name, ValidJson() is var j && (j["messageId"] = $"<a{payload}@x.example>") is not null ? j : j),
            3 => Sendgrid(name, Multipart(ValidFields(subject: payload, headers: $"Message-ID: {MessageId()}\r\nSubject: {payload}\r\nReply-To: x@y.example{payload}\r\n"))),
            _ => Json(name, ValidJson(from: $"\"Jane{payload}\" <jane{_random.Next()}@customer.example>", subject: "Re: " + payload)),
        };
    }

    private BadInputCase Unicode(string name, int i)
    {
        var odd = UnicodeOddities[i % UnicodeOddities.Length];
        return (i % 4) switch
        {
            0 => Json(name, ValidJson(subject: odd, from: $"{odd} <jane{_random.Next()}@customer.example>")),
            1 => new BadInputCase(name, "json", Encoding.UTF8.GetBytes($"{{\"from\":\"jane{_random.Next()}@customer.example\",\"to\":[\"support@example.test\"],\"subject\":\"lone \\ud800 surrogate {odd.Length}\",\"text\":\"\\udfff\",\"messageId\":\"{MessageId()}\"}}"), "application/json"),
            2 => Sendgrid(name, Multipart(ValidFields(subject: odd, from: $"{odd} <jane{_random.Next()}@customer.example>"))),
            _ => Json(name, ValidJson(from: $"{odd}@{odd}.example", subject: odd)),
        };
    }
}
