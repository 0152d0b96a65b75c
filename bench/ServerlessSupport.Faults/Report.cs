using System.Globalization;

namespace ServerlessSupport.Faults;

/// <summary>Console output with a clock, and the small statistics the scenarios print.</summary>
internal static class Report
{
    private static readonly DateTimeOffset Started = TimeProvider.System.GetUtcNow();

    public static void Line(string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(TimeProvider.System.GetUtcNow() - Started).TotalSeconds,7:0.0}s] {text}"));

    public static double Percentile(IReadOnlyList<double> sorted, int percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
