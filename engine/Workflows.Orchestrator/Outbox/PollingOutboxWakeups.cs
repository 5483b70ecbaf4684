using Microsoft.Extensions.Options;

namespace Workflows.Orchestrator.Outbox;

/// <summary>On SQLite (the embedded engine) nothing announces a commit: the relay looks every <see cref="OrchestratorOptions.OutboxPollInterval"/>.</summary>
public sealed class PollingOutboxWakeups(IOptions<OrchestratorOptions> options, TimeProvider time) : IOutboxWakeups
{
    public Task WaitAsync(CancellationToken ct) => Task.Delay(options.Value.OutboxPollInterval, time, ct);
}
