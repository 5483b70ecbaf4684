namespace Workflows.Orchestrator.Outbox;

/// <summary>What an idle <see cref="OutboxRelay"/> waits on before it looks again.</summary>
public interface IOutboxWakeups
{
    /// <summary>Returns when lifecycle events may be waiting: a commit said so, or it is time to look anyway.</summary>
    Task WaitAsync(CancellationToken ct);
}
