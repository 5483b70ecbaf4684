namespace Workflows.Orchestrator.Reconciliation;

/// <summary>
/// Whether runs wait in the Executors' queues (<c>execute-instance</c> and <c>execute-instance-prompt</c>). The reconciler
/// takes a run that was dispatched and never claimed for lost only once these queues have been seen empty after its
/// dispatch: until then it may be waiting its turn behind a backlog, and sending it again would only add a duplicate.
/// </summary>
public interface IExecutorBacklog
{
    /// <summary>True when no run waits in either queue now (runs an Executor has received but not yet claimed do not count).</summary>
    Task<bool> IsEmptyAsync(CancellationToken ct);
}
