using System.Globalization;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions. Every hole of the interpolated string becomes a typed literal, so a value
/// (a quote included) can only ever be compared, never change the shape of the query.
/// </summary>
public static class TableFilter
{
    /// <example><c>TableFilter.Format($"PartitionKey eq {ticketId} and Seq ge {10L}")</c></example>
    public static string Format(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>Doubles single quotes, the only escape inside an OData string literal.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("'", "''", StringComparison.Ordinal);
    }

    private static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A filter value may not be null; the Table service cannot compare with null."),
        string s => "'" + Escape(s) + "'",
        char c => "'" + Escape(c.ToString()) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        DateTimeOffset dto => "datetime'" + EntityJson.FormatDateTime(dto) + "'",
        DateTime { Kind: DateTimeKind.Utc } dt => "datetime'" + EntityJson.FormatDateTime(new DateTimeOffset(dt)) + "'",
        DateTime => throw new ArgumentException("A DateTime filter value must be UTC; pass a DateTimeOffset."),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => DoubleLiteral(d),
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"A filter value of type {value.GetType().Name} is not supported."),
    };

    private static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinities cannot be used in a filter.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);

        // An integral double written as "2" would be an Int32 literal, which never equals a Double property.
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }
}
