using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Runs <c>steps</c> sequential steps named <c>step</c>; output is the number of steps.</summary>
[Workflow("long")]
public sealed class LongWorkflow : WorkflowEntrypoint<LongParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<LongParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var count = 0;
        for (var i = 1; i <= evt.Payload.Steps; i++)
        {
            var index = i;
            count = await step.Do("step", _ => Task.FromResult(index));
        }
        return count;
    }
}
