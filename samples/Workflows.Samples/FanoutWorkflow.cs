using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Runs <c>n</c> steps named <c>item</c> concurrently; step i (1-based) returns i; output is the sum.</summary>
[Workflow("fanout")]
public sealed class FanoutWorkflow : WorkflowEntrypoint<FanoutParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<FanoutParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var items = Enumerable.Range(1, evt.Payload.N).Select(i => step.Do("item", _ => Task.FromResult(i)));
        var results = await Task.WhenAll(items);
        return results.Sum();
    }
}
