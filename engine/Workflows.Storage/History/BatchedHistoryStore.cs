using Workflows.Runtime;

namespace Workflows.Storage.History;

/// <summary>
/// The Executor's <see cref="IHistoryStore"/> on PostgreSQL: step outcomes go through the <see cref="RunWriteBatcher"/>
/// (a group commit with the process's other runs, awaited until durable); reads and event consumption are the
/// <see cref="PostgresHistoryStore"/>'s own statements.
/// </summary>
public sealed class BatchedHistoryStore(PostgresHistoryStore store, RunWriteBatcher batcher) : IHistoryStore
{
    public Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default) =>
        store.LoadStepsAsync(instanceId, generation, ct);

    public Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        return batcher.SaveStepAsync(instanceId, generation, step).WaitAsync(ct);
    }

    public Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default) => store.AppendEventAsync(evt, ct);

    public Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default) =>
        store.TryConsumeEventAsync(instanceId, generation, waitingStep, now, ct);

    public Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default) =>
        store.CopyStepsBeforeAsync(instanceId, fromGeneration, toGeneration, fromStepKey, ct);
}
