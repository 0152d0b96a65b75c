using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>recipients</c> section: the addresses of the roles escalations notify. Left out: no role has one.</summary>
internal sealed class RecipientsReader(PolicyReading reading)
{
    public Recipients Read(RecipientsDocument? recipients)
    {
        if (recipients is null)
        {
            return Recipients.None;
        }

        return new Recipients(
            Address("recipients.teamLead", recipients.TeamLead),
            Address("recipients.manager", recipients.Manager),
            Address("recipients.team", recipients.Team));
    }

    private string? Address(string path, string? address)
    {
        if (address is null || PolicyReading.IsEmail(address))
        {
            return address;
        }

        reading.Error(path, $"'{address}' is not an e-mail address");
        return null;
    }
}
