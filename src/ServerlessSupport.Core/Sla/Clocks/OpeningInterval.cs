
namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// Open hours on one weekday as local wall-clock times: from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive),
/// 0 ≤ From &lt; To ≤ 24h. An interval never crosses midnight; write late shifts as two intervals on two days.
/// </summary>
internal readonly record struct OpeningInterval(TimeSpan From, TimeSpan To)
{
    public static OpeningInterval WholeDay { get; } = new(TimeSpan.Zero, TimeSpan.FromDays(1));

    public TimeSpan Length => To - From;

    public override string ToString() => $"{From:hh\\:mm}-{(To == TimeSpan.FromDays(1) ? "24:00" : To.ToString("hh\\:mm", null))}";
}
