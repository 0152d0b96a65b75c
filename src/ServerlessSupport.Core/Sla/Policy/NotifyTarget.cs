
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>One recipient of an escalation: a role resolved through <see cref="Recipients"/>, or a literal address.</summary>
internal sealed record NotifyTarget(RecipientRole Role, string? Address = null)
{
    public static NotifyTarget ForAddress(string address) => new(RecipientRole.Address, address);

    public override string ToString() => Role == RecipientRole.Address ? Address ?? string.Empty : Role.ToString();
}
