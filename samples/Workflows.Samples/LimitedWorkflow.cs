using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Flow control (docs/flow-control.md): at most two instances run at once, at most one per <c>tenant</c>; the rest are
/// <c>queued</c>. One step works <c>seconds</c> in-process and returns the tenant. Used by the flow-control conformance runs.
/// </summary>
[Workflow("limited", MaxConcurrent = 2, ConcurrencyKey = "/tenant", MaxConcurrentPerKey = 1)]
public sealed class LimitedWorkflow : WorkflowEntrypoint<LimitedParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<LimitedParams> evt, IWorkflowStep step, CancellationToken ct) =>
        await step.Do("work", async stepCt =>
        {
            await Task.Delay(TimeSpan.FromSeconds(evt.Payload.Seconds), stepCt);
            return evt.Payload.Tenant;
        });
}
