namespace ServerlessSupport.Storage.Queues;

/// <summary>Queue naming rules: 3-63 characters, lower-case letters, digits and single hyphens, no hyphen at either end.</summary>
internal static class QueueNames
{
    public static string Validate(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a legal queue name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                paramName);
        }

        return name;
    }

    public static bool IsValid(string name)
    {
        if (name.Length is < 3 or > 63 || name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
