using ServerlessSupport.Core.Sla.Surveys;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// What SLA mail needs besides the policy: the public base URL for links (agent dashboard, survey) and the survey token
/// signer (null when the policy has no after-solve check-back).
/// </summary>
internal sealed record SlaSettings(string PublicBaseUrl, SurveyTokens? Survey)
{
    /// <summary>Signs agents' reply addresses on what goes to them; null or without keys: their mail has none.</summary>
    public Agents.ReplyAddresses? Replies { get; init; }

    public string TicketLink(Tickets.TicketId ticket) => $"{PublicBaseUrl.TrimEnd('/')}/#/tickets/{ticket}";

    public string SurveyLink(string token) => $"{PublicBaseUrl.TrimEnd('/')}/api/csat/{token}";
}
