using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>
/// <c>PATCH /api/me</c>: only what is given changes. <c>email</c> sent as <c>""</c> or <c>null</c> removes the address;
/// left out, it stays. A settable class rather than a record, so an explicit null can be told from an absent field.
/// </summary>
internal sealed class UpdateMeRequest
{
    private string? _email;

    public string? Email
    {
        get => _email;
        set
        {
            _email = value;
            HasEmail = true;
        }
    }

    /// <summary>Whether the body named <c>email</c> at all (the serializer calls the setter only for fields present).</summary>
    [JsonIgnore]
    public bool HasEmail { get; private set; }

    public UpdateNotificationsRequest? Notify { get; set; }
}

/// <summary>The notifications to change; absent ones stay.</summary>
internal sealed record UpdateNotificationsRequest(bool? NewTickets, bool? CustomerReplies, bool? Assignments);
