using ServerlessSupport.Functions.Settings;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>
/// Registered when <c>SendGrid__ApiKey</c> is unset, so mail stays in the local outbox (<c>GET /api/dev/outbox</c>): the
/// app then starts only in the Development environment (func start and the functions-host script say Development, Azure
/// says Production), and refuses to start anywhere else rather than keep customers' mail.
/// </summary>
internal sealed class LocalOutboxCheck(IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        environment.IsDevelopment()
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"{AppSettings.SendGridApiKey} is required outside the Development environment (this is '{environment.EnvironmentName}'); only a developer's machine may keep mail in the local outbox.");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
