using System.Globalization;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Traffic;

/// <summary>
/// Draws the traffic of a run from <see cref="GeneratorOptions"/> with one seeded <see cref="Random"/>: exactly
/// <see cref="GeneratorOptions.Tickets"/> arrivals spread over the days by hour-of-day × weekday weights (a
/// non-homogeneous arrival process conditioned on its count), a priority each, and each ticket's conversation.
/// </summary>
internal static class TrafficGenerator
{
    public static IReadOnlyList<TrafficTicket> Generate(GeneratorOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(seed);
        var minutes = options.Days * 24 * 60;
        var cumulative = new double[minutes];
        var total = 0.0;
        for (var m = 0; m < minutes; m++)
        {
            var local = TimeZoneInfo.ConvertTime(options.Start.AddMinutes(m), options.TimeZone);
            total += options.HourWeights[local.Hour] * options.WeekdayWeights[((int)local.DayOfWeek + 6) % 7];
            cumulative[m] = total;
        }

        if (total <= 0)
        {
            throw new ArgumentException("The hour and weekday weights give no arrivals at all.", nameof(options));
        }

        var arrivals = new List<DateTimeOffset>(options.Tickets);
        for (var i = 0; i < options.Tickets; i++)
        {
            var minute = Array.BinarySearch(cumulative, random.NextDouble() * total);
            minute = minute < 0 ? ~minute : minute;
            arrivals.Add(options.Start.AddMinutes(Math.Min(minute, minutes - 1)).AddSeconds(random.Next(60)));
        }

        arrivals.Sort();
        var mixTotal = options.Mix.Values.Sum();
        var tickets = new List<TrafficTicket>(arrivals.Count);
        for (var i = 0; i < arrivals.Count; i++)
        {
            var priority = Pick(options.Mix, random.NextDouble() * mixTotal);
            var rounds = new List<TrafficRound>();
            var effort = options.FirstReply.Sample(random);
            while (true)
            {
                var ask = rounds.Count + 1 < options.MaxRounds && random.NextDouble() < options.AskShare;
                if (!ask)
                {
                    rounds.Add(new TrafficRound(effort, false, null));
                    break;
                }

                var answers = random.NextDouble() >= options.NoAnswerShare;
                var delay = options.CustomerDelay.Sample(random);
                rounds.Add(new TrafficRound(effort, true, answers ? delay : null));
                if (!answers)
                {
                    break;
                }

                effort = options.Handling.Sample(random);
            }

            var n = (i + 1).ToString("D5", CultureInfo.InvariantCulture);
            tickets.Add(new TrafficTicket(i, arrivals[i], priority, $"customer-{n}@customer.sim", $"Question {n} about my order", "Hello, could you help me with my order?", rounds));
        }

        return tickets;
    }

    private static Priority Pick(IReadOnlyDictionary<Priority, double> mix, double draw)
    {
        foreach (var (priority, weight) in mix.OrderByDescending(p => p.Key))
        {
            if (draw < weight)
            {
                return priority;
            }

            draw -= weight;
        }

        return mix.Keys.Min();
    }
}
