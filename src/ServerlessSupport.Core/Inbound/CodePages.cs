using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Mail uses Windows, ISO and Japanese code pages that .NET has only through <see cref="CodePagesEncodingProvider"/>.
/// MimeKit looks charsets up once and remembers a miss, and its TNEF reader needs code page 1252 in a static
/// constructor, so the provider must be registered before MimeKit is first touched: a Shift_JIS body would otherwise
/// come out as Latin-1 for the life of the process, and every winmail.dat would fail.
/// </summary>
internal static class CodePages
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Process-wide encoding registration must precede any MimeKit use from this assembly; it is idempotent.")]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
