namespace ServerlessSupport.Storage.Blobs;

/// <summary>Container and blob naming rules, checked before a request is built so a bad name fails where it is made.</summary>
internal static class BlobNames
{
    public const int MaxBlobNameLength = 1024;

    /// <summary>3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static string ValidateContainer(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        var valid = name.Length is >= 3 and <= 63
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal)
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        return valid
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a legal container name: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                paramName);
    }

    /// <summary>1-1024 characters; '/' separates virtual directories and every segment is escaped on its own.</summary>
    public static string ValidateBlob(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, paramName);
        if (name.Length > MaxBlobNameLength)
        {
            throw new ArgumentException($"A blob name is at most {MaxBlobNameLength} characters.", paramName);
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("A blob name must not contain control characters.", paramName);
        }

        return name;
    }
}
