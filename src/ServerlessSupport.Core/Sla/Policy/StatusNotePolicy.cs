
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The customer gets a status note when nobody has written to them for <see cref="After"/>.
/// <see cref="SupportPolicy.StatusNotes"/> is null when status notes are off.
/// </summary>
internal sealed record StatusNotePolicy(SlaTargetSpec After);
