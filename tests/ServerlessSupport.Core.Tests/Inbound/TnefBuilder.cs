using System.Text;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>
/// Writes a small winmail.dat (MS-OXTNEF): version, code page, message class, a plain body and file attachments. Enough
/// for MimeKit's TNEF reader; real Outlook files carry many more MAPI properties.
/// </summary>
internal sealed class TnefBuilder
{
    private const byte MessageLevel = 1;
    private const byte AttachmentLevel = 2;
    private readonly List<(string Name, byte[] Data)> _files = [];
    private string _body = string.Empty;

    public TnefBuilder Body(string text)
    {
        _body = text;
        return this;
    }

    public TnefBuilder File(string name, byte[] data)
    {
        _files.Add((name, data));
        return this;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x223E9F78u);
        writer.Write((ushort)0x0001);
        Attribute(writer, MessageLevel, 0x00089006, BitConverter.GetBytes(0x00010000u)); // attTnefVersion
        Attribute(writer, MessageLevel, 0x00069007, [0xE4, 0x04, 0, 0, 0, 0, 0, 0]); // attOemCodepage 1252
        Attribute(writer, MessageLevel, 0x00078008, Ansi("IPM.Note")); // attMessageClass
        Attribute(writer, MessageLevel, 0x0002800C, Ansi(_body)); // attBody
        foreach (var (name, data) in _files)
        {
            Attribute(writer, AttachmentLevel, 0x00069002, new byte[14]); // attAttachRenddata
            Attribute(writer, AttachmentLevel, 0x00018010, Ansi(name)); // attAttachTitle
            Attribute(writer, AttachmentLevel, 0x0006800F, data); // attAttachData
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static byte[] Ansi(string text) => Encoding.Latin1.GetBytes(text + "\0");

    private static void Attribute(BinaryWriter writer, byte level, uint id, byte[] value)
    {
        writer.Write(level);
        writer.Write(id);
        writer.Write((uint)value.Length);
        writer.Write(value);
        ushort checksum = 0;
        foreach (var b in value)
        {
            checksum += b;
        }

        writer.Write(checksum);
    }
}
