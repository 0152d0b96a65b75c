using System.Globalization;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Simulator.Export;

namespace ServerlessSupport.Simulator.Traffic;

/// <summary>
/// Traffic from an export: every ticket arrives when it was opened, with the priority its agents gave it (not what escalations raised it to). With replayed
/// agents (<c>--agents replay</c>) its later mails, the agents' public replies and their status changes happen at their
/// recorded offsets; with modelled agents the customer answers as often as it did, after the recorded gap between our
/// reply and its answer, and the agents' effort comes from the command line's distributions.
/// </summary>
internal static class ReplayTraffic
{
    public static IReadOnlyList<TrafficTicket> From(ExportFile export, bool replayAgents, GeneratorOptions model, int seed)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(model);
        var random = new Random(seed);
        var tickets = new List<TrafficTicket>(export.Tickets.Count);
        foreach (var t in export.Tickets.OrderBy(t => t.CreatedAt))
        {
            var messages = t.Messages.OrderBy(m => m.Sequence).Skip(1).ToList();
            IReadOnlyList<ReplayStep>? steps = null;
            var rounds = new List<TrafficRound>();
            if (replayAgents)
            {
                steps = [.. messages.Where(m => m.Direction is "inbound" or "outbound")
                    .Select(m => new ReplayStep(Offset(t, m.At), m.Direction == "inbound" ? ReplayKind.CustomerMail : ReplayKind.AgentReply))
                    .Concat(t.Events.Where(e => e.Kind == TicketEventKinds.StatusChanged && e.Status is not null)
                        .Select(e => new ReplayStep(Offset(t, e.At), ReplayKind.AgentStatus, TrafficExporter.Parse<TicketStatus>(e.Status!))))
                    .OrderBy(s => s.Offset)];
            }
            else
            {
                var answers = messages.Where(m => m.Direction == "inbound").ToList();
                var effort = model.FirstReply.Sample(random);
                foreach (var answer in answers)
                {
                    var ourReply = messages.LastOrDefault(m => m.Direction == "outbound" && m.At <= answer.At);
                    rounds.Add(new TrafficRound(effort, true, ourReply is null ? model.CustomerDelay.Sample(random) : answer.At - ourReply.At));
                    effort = model.Handling.Sample(random);
                }

                var neverAnswered = t.Events.Any(e => e.Kind == TicketEventKinds.AutoClosed);
                rounds.Add(new TrafficRound(effort, neverAnswered, null));
            }

            var n = (tickets.Count + 1).ToString("D5", CultureInfo.InvariantCulture);
            tickets.Add(new TrafficTicket(tickets.Count, t.CreatedAt, TrafficExporter.Parse<Priority>(t.Priority), t.Customer, $"Replayed ticket {n}", "Replayed message.", rounds, steps));
        }

        return tickets;
    }

    private static TimeSpan Offset(ExportedTicket ticket, DateTimeOffset at) => at > ticket.CreatedAt ? at - ticket.CreatedAt : TimeSpan.Zero;
}
