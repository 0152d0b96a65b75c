using System.Diagnostics.CodeAnalysis;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>The API's spelling of enum values (camelCase) both ways; parsing is case-insensitive.</summary>
internal static class ApiNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => AgentActions.Name(value);

    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Of));

    public static bool TryParse<TEnum>([NotNullWhen(true)] string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"status must be one of open, pendingCustomer, solved, closed".</summary>
    public static string MustBeOneOf<TEnum>(string field)
        where TEnum : struct, Enum => $"{field} must be one of {Allowed<TEnum>()}";

    public static bool TryParseId(string? text, out TicketId id) => TicketId.TryParse(text, out id);
}
