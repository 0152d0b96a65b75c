namespace ServerlessSupport.Functions.Tests;

/// <summary>Polls a condition that background work will make true; fails with a message when it never does.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
    {
        var deadline = Environment.TickCount64 + (timeoutSeconds * 1000L);
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutSeconds);
}
