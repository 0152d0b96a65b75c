using System.Text;
using System.Xml.Linq;

namespace ServerlessSupport.Storage.Queues;

/// <summary>
/// Message text on the wire is UTF-8 then base64, the encoding the Functions host's queue trigger expects,
/// inside the XML body Put Message and Update Message take.
/// </summary>
internal static class QueueMessageCodec
{
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Decodes base64 message text. Text that is not base64 (a message some other producer put in plain) is
    /// returned as it is: throwing would fail the whole batch and bring the message back forever.
    /// </summary>
    public static string Decode(string wireText)
    {
        ArgumentNullException.ThrowIfNull(wireText);
        var buffer = new byte[wireText.Length];
        return Convert.TryFromBase64String(wireText, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : wireText;
    }

    public static byte[] RequestBody(string text) =>
        Encoding.UTF8.GetBytes(
            new XElement("QueueMessage", new XElement("MessageText", Encode(text))).ToString(SaveOptions.DisableFormatting));
}
