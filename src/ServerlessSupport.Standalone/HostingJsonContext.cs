using System.Text.Json.Serialization;

namespace ServerlessSupport.Standalone;

/// <summary>Wire shapes keep the Functions host's PascalCase names.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(TimerScheduleStatus))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
