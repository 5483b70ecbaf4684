using Workflows.Runtime;
using Workflows.Storage.History;

namespace Workflows.Storage.EventLog;

/// <summary>
/// The Executor's <see cref="IRunEvents"/> on PostgreSQL: each event is queued on the <see cref="RunWriteBatcher"/> and
/// committed with the step outcomes of the process's other runs; <see cref="FlushAsync"/> waits for that commit.
/// </summary>
public sealed class BatchedRunEvents(RunWriteBatcher batcher) : IRunEvents
{
    public Task RecordAsync(InstanceDescriptor instance, RunEvent evt, CancellationToken ct = default)
    {
        batcher.Append(RunEventRows.Of(instance, evt));
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken ct = default) => batcher.FlushAsync().WaitAsync(ct);
}
