using System.Globalization;
using System.Net;
using System.Text;

namespace ServerlessSupport.Simulator.Output;

/// <summary>
/// A small line chart of each policy's backlog (open tickets, solid) and cumulative breaches (dashed) over simulated time.
/// Written by hand as SVG text: a few dozen elements, not worth a charting package.
/// </summary>
internal static class SvgChart
{
    private const int Width = 900;
    private const int Height = 420;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 50;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    public static string Render(IReadOnlyList<PolicyResult> results, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(results);
        var series = results.Select(r => (
            r.Policy,
            Backlog: r.Backlog.Select(b => (b.At, (double)b.Open)).ToList(),
            Breaches: Cumulative(r.Outcomes.SelectMany(o => o.Breaches).Where(b => b <= end).Order().ToList(), start, end))).ToList();
        var max = Math.Max(1, series.SelectMany(s => s.Backlog.Select(p => p.Item2).Concat(s.Breaches.Select(p => p.Item2))).DefaultIfEmpty(1).Max());
        var span = Math.Max(1, (end - start).TotalHours);
        double X(DateTimeOffset at) => Left + ((at - start).TotalHours / span * (Width - Left - Right));
        double Y(double value) => Height - Bottom - (value / max * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\">Backlog (open tickets, solid) and SLA breaches so far (dashed)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n");
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(day):0.#}\" y1=\"{Height - Bottom}\" x2=\"{X(day):0.#}\" y2=\"{Height - Bottom + 5}\" stroke=\"black\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(day):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{day:ddd d MMM}</text>\n");
        }

        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:0.#}\" text-anchor=\"end\">{value:0}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(value):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(value):0.#}\" stroke=\"#eee\"/>\n");
        }

        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{Points(series[i].Backlog, X, Y)}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\" points=\"{Points(series[i].Breaches, X, Y)}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 10}\" y=\"{Height - 10}\" dx=\"{i * 300}\" fill=\"{colour}\">{WebUtility.HtmlEncode(series[i].Policy)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static List<(DateTimeOffset, double)> Cumulative(List<DateTimeOffset> breaches, DateTimeOffset start, DateTimeOffset end)
    {
        var points = new List<(DateTimeOffset, double)>();
        var count = 0;
        for (var hour = start; hour <= end; hour = hour.AddHours(1))
        {
            while (count < breaches.Count && breaches[count] <= hour)
            {
                count++;
            }

            points.Add((hour, count));
        }

        return points;
    }

    private static string Points(List<(DateTimeOffset At, double Value)> points, Func<DateTimeOffset, double> x, Func<double, double> y) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.At):0.#},{y(p.Value):0.#}")));
}
