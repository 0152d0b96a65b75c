namespace ServerlessSupport.Core.Intake;

/// <summary>Caps automatic replies per sender and time window, to break loops with other robots (table Senders).</summary>
internal interface ISenderThrottle
{
    /// <summary>Counts one automatic reply to <paramref name="address"/>; false when the cap for the current window is reached.</summary>
    Task<bool> TryConsumeAsync(string address, CancellationToken cancellationToken);
}
