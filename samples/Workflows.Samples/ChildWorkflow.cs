using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Returns <c>i</c> × 2 from a step; with <c>"fail": true</c> it throws <see cref="NonRetryableException"/>("child failed").</summary>
[Workflow("child")]
public sealed class ChildWorkflow : WorkflowEntrypoint<ChildParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ChildParams> evt, IWorkflowStep step, CancellationToken ct) =>
        await step.Do("double", _ => evt.Payload.Fail == true
            ? Task.FromException<int>(new NonRetryableException("child failed"))
            : Task.FromResult(evt.Payload.I * 2));
}
