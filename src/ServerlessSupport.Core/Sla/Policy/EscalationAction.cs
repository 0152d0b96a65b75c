
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>What an escalation level changes on the ticket besides notifying people.</summary>
internal enum EscalationAction
{
    /// <summary>Move the ticket one priority up (urgent stays urgent); its deadlines are recomputed.</summary>
    RaisePriority,
}
