using System.Text.RegularExpressions;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// One priority rule. Each condition list that is present must match (AND); within a list any entry may match (OR).
/// Keywords match whole words or phrases in the subject or body, case-insensitively; a phrase matches across any run of
/// white space. Domains match the sender's domain and its subdomains; addresses match exactly (case-insensitively).
/// </summary>
internal sealed class PriorityRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private readonly Regex? _keywords;

    public PriorityRule(
        Priority priority,
        IReadOnlyList<string> keywords,
        IReadOnlyList<string> fromDomains,
        IReadOnlyList<string> fromAddresses)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(fromDomains);
        ArgumentNullException.ThrowIfNull(fromAddresses);
        if (keywords.Count + fromDomains.Count + fromAddresses.Count == 0)
        {
            throw new ArgumentException("A priority rule needs at least one condition.", nameof(keywords));
        }

        Priority = priority;
        Keywords = keywords;
        FromDomains = [.. fromDomains.Select(d => d.Trim().ToLowerInvariant())];
        FromAddresses = [.. fromAddresses.Select(a => a.Trim().ToLowerInvariant())];
        _keywords = keywords.Count == 0 ? null : BuildKeywordPattern(keywords);
    }

    public Priority Priority { get; }

    public IReadOnlyList<string> Keywords { get; }

    public IReadOnlyList<string> FromDomains { get; }

    public IReadOnlyList<string> FromAddresses { get; }

    public bool Matches(string? subject, string? body, string? fromAddress)
    {
        if (_keywords is not null && !_keywords.IsMatch(subject ?? string.Empty) && !_keywords.IsMatch(body ?? string.Empty))
        {
            return false;
        }

        var address = NormalizeAddress(fromAddress);
        if (FromAddresses.Count > 0 && !FromAddresses.Contains(address, StringComparer.Ordinal))
        {
            return false;
        }

        if (FromDomains.Count > 0)
        {
            var at = address.LastIndexOf('@');
            var domain = at < 0 ? string.Empty : address[(at + 1)..];
            if (!FromDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static string NormalizeAddress(string? fromAddress) =>
        (fromAddress ?? string.Empty).Trim().Trim('<', '>').Trim().ToLowerInvariant();

    private static Regex BuildKeywordPattern(IEnumerable<string> keywords)
    {
        var alternatives = keywords.Select(k => string.Join(@"\s+", k.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
        var pattern = $@"(?<![\p{{L}}\p{{N}}_])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}_])";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    }
}
