using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Returns <c>i</c> × 2 from a step (after an optional <c>sleepSeconds</c> nap); with <c>"fail": true</c> it throws <see cref="NonRetryableException"/>("child failed").</summary>
[Workflow("child")]
public sealed class ChildWorkflow : WorkflowEntrypoint<ChildParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ChildParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        if (evt.Payload.SleepSeconds > 0)
            await step.Sleep("nap", TimeSpan.FromSeconds(evt.Payload.SleepSeconds));
        return await step.Do("double", _ => evt.Payload.Fail == true
            ? Task.FromException<int>(new NonRetryableException("child failed"))
            : Task.FromResult(evt.Payload.I * 2));
    }
}
