using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Runtime;

namespace Workflows.Orchestrator.StateMachines;

/// <summary>Prepares a restart's new generation: from the start it is empty; from step X it holds the steps before X.</summary>
public sealed class HistoryRestarter(IHistoryStore store)
{
    public async Task<bool> HasStepAsync(WorkflowInstance saga, RestartInstance restart, CancellationToken ct)
    {
        if (restart.FromStep is null)
            return true;
        var key = KeyOf(restart);
        var steps = await store.LoadStepsAsync(saga.InstanceId, saga.Generation, ct);
        return steps.Any(s => s.Key == key);
    }

    public async Task CarryOverAsync(WorkflowInstance saga, RestartInstance restart, long nextGeneration, CancellationToken ct)
    {
        if (restart.FromStep is not null)
            await store.CopyStepsBeforeAsync(saga.InstanceId, saga.Generation, nextGeneration, KeyOf(restart), ct);
    }

    private static string KeyOf(RestartInstance restart) => StepKey.Format(restart.FromStep!, restart.FromCount ?? 1);
}
