
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The policy file is invalid. <see cref="Errors"/> holds every problem as "json.path: what is wrong".</summary>
internal sealed class PolicyValidationException : Exception
{
    public PolicyValidationException(IReadOnlyList<string> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public PolicyValidationException(IReadOnlyList<string> errors, Exception innerException)
        : base(Describe(errors), innerException)
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"The support policy is invalid: {errors[0]}"
            : $"The support policy has {errors.Count} errors:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors);
    }
}
