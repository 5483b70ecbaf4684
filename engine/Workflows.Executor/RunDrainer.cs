using Microsoft.Extensions.Hosting;

namespace Workflows.Executor;

/// <summary>
/// Graceful shutdown: registered after the bus, so it stops first and asks every run to stop at its next step boundary;
/// the bus then waits for those runs to report their pause (the saga dispatches them again to another Executor).
/// </summary>
internal sealed class RunDrainer(RunRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.PauseAll();
        return Task.CompletedTask;
    }
}
