using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Steps <c>s1</c>, <c>s2</c>, <c>s3</c>, each with a rollback; step <c>s{failAt}</c> fails non-retryably, so the instance
/// ends errored after the rollbacks of the completed steps ran, latest first. Each step body and each rollback writes a row
/// to the <see cref="SideEffectLedger"/> (rollbacks as <c>undo sN</c>), so a test can count them.
/// </summary>
[Workflow("rollback")]
public sealed class RollbackWorkflow(SideEffectLedger ledger) : WorkflowEntrypoint<RollbackParams>
{
    private static readonly StepConfig NoRetries = new() { Retries = new RetryPolicy(Limit: 0, Delay: 0, Backoff: Backoff.Constant) };
    private static readonly StepConfig QuickRetries = new() { Retries = new RetryPolicy(Limit: 3, Delay: "1 second", Backoff: Backoff.Constant) };

    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<RollbackParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var failAt = evt.Payload.FailAt;
        var last = Math.Max(3, failAt);
        for (var i = 1; i <= last; i++)
        {
            var name = $"s{i}";
            var fails = i == failAt;
            if (i > 3)
            {
                await step.Do(name, NoRetries, _ => fails ? Task.FromException<int>(new NonRetryableException($"{name} failed")) : Task.FromResult(i));
                continue;
            }
            await step.Do(name, NoRetries,
                async stepCt =>
                {
                    if (fails)
                        throw new NonRetryableException($"{name} failed");
                    await ledger.RecordAsync(evt.InstanceId, name, StepContext.Current?.Attempt ?? 0, stepCt);
                    return name;
                },
                rollback: async (context, _, _, rollbackCt) =>
                {
                    await Task.Delay(evt.Payload.RollbackMilliseconds, rollbackCt);
                    await ledger.RecordAsync(evt.InstanceId, "undo " + context.StepName, context.Attempt, rollbackCt);
                },
                QuickRetries);
        }
        if (evt.Payload.SleepSeconds > 0)
            await step.Sleep("settle", TimeSpan.FromSeconds(evt.Payload.SleepSeconds));
        return "done";
    }
}
