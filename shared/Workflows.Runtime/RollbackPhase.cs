using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>
/// Runs the registered rollbacks, latest-started step first, each a durable step (kind <see cref="StepKind.Rollback"/>,
/// named after its step) with its own retries: a completed one is skipped on replay, a long backoff suspends the run,
/// and the first that fails for good stops the phase.
/// </summary>
internal sealed class RollbackPhase(StepHost host, StepAttempts attempts)
{
    /// <summary>Prefix of a rollback's step key: <c>rollback:</c> + the key of the step it undoes.</summary>
    public const string KeyPrefix = "rollback:";

    public async Task<RollbackResult> RunAsync(WorkflowStepException? error)
    {
        foreach (var entry in host.State.Rollbacks())
        {
            var key = KeyPrefix + entry.Step.Key;
            var recorded = host.State.Find(key);
            var now = host.Time.GetUtcNow();
            StepRecord record;
            if (recorded is not null)
            {
                if (recorded.Status == StepStatus.Complete)
                    continue;
                if (recorded.Status == StepStatus.Errored)
                    return new RollbackResult(false, recorded.ErrorName, recorded.ErrorMessage);
                if (recorded.Status == StepStatus.Retrying && recorded.WakeAt is { } due && due > now)
                    await host.State.Suspend<object?>(due);
                record = recorded;
            }
            else
            {
                record = host.State.Begin(new ReachedStep(key, entry.Step.Name, entry.Step.Occurrence, null), StepKind.Rollback, StepStatus.Running, now);
            }

            try
            {
                await host.Pump.StartInFlight(() => attempts.RunAsync<object?>(record, entry.Config, async ct =>
                {
                    await entry.Undo(error, ct).ConfigureAwait(false);
                    return null;
                }));
            }
            catch (WorkflowStepException failed)
            {
                return new RollbackResult(false, failed.ErrorName, failed.Message);
            }
        }
        return new RollbackResult(true);
    }
}
