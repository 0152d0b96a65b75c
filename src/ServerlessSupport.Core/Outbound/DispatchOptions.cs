namespace ServerlessSupport.Core.Outbound;

/// <summary>How DispatchEmail paces retries. Bound from configuration section "Dispatch" (all optional).</summary>
internal sealed class DispatchOptions
{
    /// <summary>How long a dispatcher owns a row while it talks to the provider; a crash releases it when this passes.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay after a transient failure; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the provider may take when the function that committed an email sends it right away; slower, the row goes
    /// to queue <c>outbound</c> for when its claim runs out, so one slow call does not hold the function up.
    /// </summary>
    public TimeSpan InlineBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many attempts a still-failing email is marked failed (at the defaults that is about a day of trying).</summary>
    public int MaxAttempts { get; set; } = 150;
}
