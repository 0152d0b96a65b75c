using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// What an agent's reply by email asks for (docs/agents.md, "Working from the inbox"): a first line of commands —
/// <c>#note</c>, <c>#solve</c>, <c>#pending</c>, <c>#assign &lt;name or me&gt;</c>, <c>#priority &lt;name&gt;</c> — and
/// the text below it. A first line that does not start with <c>#</c> is text. Anything it does not know is an
/// <see cref="Error"/>, never a guess.
/// </summary>
internal sealed record AgentMailCommands(bool Note, TicketStatus? Status, string? Assignee, Priority? Priority, string Text, string? Error)
{
    public static AgentMailCommands Parse(string text, string agent)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n');
        if (lines.Length == 0 || !lines[0].TrimStart().StartsWith('#'))
        {
            return new(false, null, null, null, text.Trim(), null);
        }

        var body = string.Join('\n', lines.Skip(1)).Trim();
        var words = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool note = false;
        TicketStatus? status = null;
        string? assignee = null;
        Priority? priority = null;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            string? Argument() => i + 1 < words.Length && !words[i + 1].StartsWith('#') ? words[++i] : null;
            switch (word)
            {
                case "#note":
                    note = true;
                    break;
                case "#solve":
                    status = TicketStatus.Solved;
                    break;
                case "#pending":
                    status = TicketStatus.PendingCustomer;
                    break;
                case "#assign":
                    var who = Argument();
                    if (who is null)
                    {
                        return Failed(body, "#assign needs a name, or me");
                    }

                    assignee = string.Equals(who, "me", StringComparison.OrdinalIgnoreCase) ? agent : who;
                    break;
                case "#priority":
                    var name = Argument();
                    if (name is null || !Enum.TryParse<Priority>(name, ignoreCase: true, out var p) || !Enum.IsDefined(p) || int.TryParse(name, out _))
                    {
                        return Failed(body, $"#priority needs one of low, normal, high, urgent{(name is null ? string.Empty : $", not '{name}'")}");
                    }

                    priority = p;
                    break;
                default:
                    return Failed(body, $"'{words[i]}' is not a command (the commands are #note, #solve, #pending, #assign <name or me>, #priority <name>)");
            }
        }

        return new(note, status, assignee, priority, body, null);
    }

    private static AgentMailCommands Failed(string body, string error) => new(false, null, null, null, body, error);
}
