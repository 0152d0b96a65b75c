using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// The list's query string: <c>status</c>, <c>priority</c>, <c>risk</c> (comma-separated, any of), <c>assignee</c> (exact,
/// case-insensitive; <c>none</c> for unassigned), <c>pageSize</c> (1-200, default 50) and <c>continuation</c>.
/// The continuation is an opaque offset into the sorted result: a page boundary can shift when tickets change between
/// requests (a ticket may show twice or be skipped), which a live queue tolerates.
/// </summary>
internal sealed record TicketListQuery(
    IReadOnlyList<TicketStatus> Statuses,
    IReadOnlyList<Priority> Priorities,
    IReadOnlyList<TicketRisk> Risks,
    string? Assignee,
    int PageSize,
    int Offset)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const string Unassigned = "none";

    public static bool TryParse(IQueryCollection query, out TicketListQuery result, out string error)
    {
        ArgumentNullException.ThrowIfNull(query);
        result = new TicketListQuery([], [], [], null, DefaultPageSize, 0);
        error = string.Empty;
        if (!TryParseList<TicketStatus>(query, "status", out var statuses, out error)
            || !TryParseList<Priority>(query, "priority", out var priorities, out error)
            || !TryParseList<TicketRisk>(query, "risk", out var risks, out error))
        {
            return false;
        }

        var pageSize = DefaultPageSize;
        if (query["pageSize"].ToString() is { Length: > 0 } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            error = $"pageSize must be a number from 1 to {MaxPageSize}.";
            return false;
        }

        var offset = 0;
        if (query["continuation"].ToString() is { Length: > 0 } token && !TryDecode(token, out offset))
        {
            error = "continuation is not a token this API returned.";
            return false;
        }

        var assignee = query["assignee"].ToString().Trim();
        result = new TicketListQuery(statuses, priorities, risks, assignee.Length == 0 ? null : assignee, pageSize, offset);
        return true;
    }

    public bool MatchesAssignee(string? assignee) => Assignee is null
        || (string.Equals(Assignee, Unassigned, StringComparison.OrdinalIgnoreCase)
            ? string.IsNullOrEmpty(assignee)
            : string.Equals(Assignee, assignee, StringComparison.OrdinalIgnoreCase));

    public static string Encode(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryParseList<TEnum>(IQueryCollection query, string name, out IReadOnlyList<TEnum> values, out string error)
        where TEnum : struct, Enum
    {
        var list = new List<TEnum>();
        values = list;
        error = string.Empty;
        foreach (var part in query[name].SelectMany(v => (v ?? string.Empty).Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!ApiNames.TryParse<TEnum>(part, out var value))
            {
                error = ApiNames.MustBeOneOf<TEnum>(name);
                return false;
            }

            list.Add(value);
        }

        return true;
    }
}
