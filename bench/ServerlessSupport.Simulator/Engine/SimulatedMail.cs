using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>The customers' emails, as JSON webhook bodies (docs/inbound-json.md), with Message-IDs that name their traffic ticket.</summary>
internal static class SimulatedMail
{
    private const string Domain = "customer.sim";

    public static string MessageId(int index, int mail) => string.Create(CultureInfo.InvariantCulture, $"<t{index}.m{mail}@{Domain}>");

    /// <summary>The traffic ticket a Message-ID of ours names; null for any other.</summary>
    public static int? IndexOf(string? messageId)
    {
        var id = messageId?.Trim('<', '>');
        if (id is null || !id.StartsWith('t') || !id.EndsWith("@" + Domain, StringComparison.Ordinal))
        {
            return null;
        }

        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 1 && int.TryParse(id.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    public static byte[] Json(string from, string to, string subject, string text, string messageId)
    {
        var body = new JsonObject
        {
            ["from"] = from,
            ["to"] = new JsonArray(to),
            ["subject"] = subject,
            ["text"] = text,
            ["messageId"] = messageId,
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString(JsonSerializerOptions.Default));
    }
}
