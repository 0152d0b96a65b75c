namespace ServerlessSupport.Core.Intake;

/// <summary>Who we are in mail: the support address (sender of everything we send) and the team's name.</summary>
internal sealed record SupportIdentity(string Address, string TeamName)
{
    public string Domain => Outbound.OutboundMessageIds.DomainOf(Address);
}
