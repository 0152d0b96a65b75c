using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Simulator.Engine;

namespace ServerlessSupport.Simulator.Output;

/// <summary>
/// The simulator's printed result (the format is a contract of scripts/simulate.sh): one line per priority and policy,
/// then one overall line per policy. A percentage is of the decided targets (met or missed); a target still running within
/// its time when the simulation ends is left out, and with nothing decided the figure is <c>n/a</c>. Promises to the
/// customer likewise: kept and broken are counted, the share kept is of those two (one still ahead is left out).
/// </summary>
internal static partial class ReportLines
{
    public static readonly IReadOnlyList<Priority> Priorities = [Priority.Urgent, Priority.High, Priority.Normal, Priority.Low];

    public static IEnumerable<string> For(PolicyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var priority in Priorities)
        {
            var tickets = result.Outcomes.Where(o => o.Priority == priority).ToList();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"policy={result.Policy} priority={Name(priority)} tickets={tickets.Count} first_response_met={FirstResponse(tickets)} next_update_met={NextUpdate(tickets)} resolution_met={Resolution(tickets)} escalations={tickets.Sum(t => t.Escalations)} status_notes={tickets.Sum(t => t.StatusNotes)} customer_mails={tickets.Sum(t => t.CustomerMails)} {Promises(tickets)}");
        }

        yield return $"policy={result.Policy} overall first_response_met={FirstResponse(result.Outcomes)} resolution_met={Resolution(result.Outcomes)} {Promises(result.Outcomes)}";
    }

    public static string Name(Priority priority) => priority.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^policy=(?<policy>\S+) priority=(?<priority>urgent|high|normal|low) tickets=(?<tickets>\d+) first_response_met=(?<fr>\d+\.\d%|n/a) next_update_met=(?<nu>\d+\.\d%|n/a) resolution_met=(?<res>\d+\.\d%|n/a) escalations=(?<escalations>\d+) status_notes=(?<notes>\d+) customer_mails=(?<mails>\d+) promises_kept=(?<kept>\d+) promises_broken=(?<broken>\d+) promises_kept_share=(?<share>\d+\.\d%|n/a)$")]
    public static partial Regex PriorityLine();

    [GeneratedRegex(@"^policy=(?<policy>\S+) overall first_response_met=(?<fr>\d+\.\d%|n/a) resolution_met=(?<res>\d+\.\d%|n/a) promises_kept=(?<kept>\d+) promises_broken=(?<broken>\d+) promises_kept_share=(?<share>\d+\.\d%|n/a)$")]
    public static partial Regex OverallLine();

    private static string FirstResponse(IEnumerable<TicketOutcome> tickets) =>
        Percent(tickets.Count(t => t.FirstResponse == Verdict.Met), tickets.Count(t => t.FirstResponse != Verdict.Undecided));

    private static string NextUpdate(IReadOnlyList<TicketOutcome> tickets) =>
        Percent(tickets.Sum(t => t.NextUpdatesMet), tickets.Sum(t => t.NextUpdatesMet + t.NextUpdatesMissed));

    private static string Resolution(IEnumerable<TicketOutcome> tickets) =>
        Percent(tickets.Count(t => t.Resolution == Verdict.Met), tickets.Count(t => t.Resolution != Verdict.Undecided));

    private static string Promises(IReadOnlyList<TicketOutcome> tickets)
    {
        var (kept, broken) = (tickets.Sum(t => t.PromisesKept), tickets.Sum(t => t.PromisesBroken));
        return string.Create(CultureInfo.InvariantCulture, $"promises_kept={kept} promises_broken={broken} promises_kept_share={Percent(kept, kept + broken)}");
    }

    private static string Percent(int met, int decided) =>
        decided == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * met / decided:0.0}%");
}
