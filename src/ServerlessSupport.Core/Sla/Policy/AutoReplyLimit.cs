
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>At most <see cref="PerSender"/> automatic replies to one sender within any <see cref="Window"/> (calendar time).</summary>
internal sealed record AutoReplyLimit(int PerSender, TimeSpan Window);
