
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>Who an escalation level tells. <see cref="Address"/> means a literal e-mail address in the policy.</summary>
internal enum RecipientRole
{
    Assignee,
    TeamLead,
    Manager,
    Team,
    Address,
}
