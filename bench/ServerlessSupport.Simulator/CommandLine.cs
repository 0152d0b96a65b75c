using System.Globalization;

namespace ServerlessSupport.Simulator;

/// <summary>
/// <c>--name value</c> options (and bare flags) of scripts/simulate.sh. Unknown options are an error naming them, so a
/// typo never runs a simulation on defaults silently.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            if (flags.Contains(name))
            {
                _options[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                _options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }
        }
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string String(string name, string fallback) => String(name) ?? fallback;

    public T Get<T>(string name, T fallback, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"{name} {text}: {ex.Message}", ex);
        }
    }

    public int Int(string name, int fallback) => Get(name, fallback, t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback) => Get(name, fallback, t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture));

    public IReadOnlyList<double> Doubles(string name, IReadOnlyList<double> fallback, int count) => Get(name, fallback, t =>
    {
        var values = t.Split(',').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        return values.Count == count && values.All(v => v >= 0) ? values : throw new FormatException($"give {count} comma-separated non-negative weights");
    });

    /// <summary>Throws naming every option that was given but never read.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("Unknown option(s): " + string.Join(", ", unknown));
        }
    }
}
