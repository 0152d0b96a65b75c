using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>Wire shapes keep the Functions host's PascalCase names.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(CustomHandlerResponse))]
[JsonSerializable(typeof(TimerScheduleStatus))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
