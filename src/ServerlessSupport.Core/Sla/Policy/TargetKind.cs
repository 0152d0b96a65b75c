
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The three promises every ticket is measured against.</summary>
internal enum TargetKind
{
    FirstResponse,
    NextUpdate,
    Resolution,
}
