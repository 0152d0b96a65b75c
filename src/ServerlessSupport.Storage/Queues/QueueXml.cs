using System.Globalization;
using System.Xml.Linq;
using Azure;

namespace ServerlessSupport.Storage.Queues;

/// <summary>Reads the <c>QueueMessagesList</c> bodies of Put, Get and Peek Messages.</summary>
internal static class QueueXml
{
    public static IEnumerable<XElement> Messages(Response response)
    {
        using var stream = response.Content.ToStream();
        var root = XDocument.Load(stream).Root;
        return root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Required(XElement message, string name) =>
        message.Element(name)?.Value
        ?? throw new InvalidOperationException($"The queue service's response has a QueueMessage without {name}.");

    public static DateTimeOffset? Date(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } text ? ParseDate(text) : null;

    public static DateTimeOffset RequiredDate(XElement message, string name) => ParseDate(Required(message, name));

    public static long Long(XElement message, string name) =>
        long.Parse(Required(message, name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.ParseExact(text, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
