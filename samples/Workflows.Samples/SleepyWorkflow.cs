using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Step <c>before</c> (1), a durable sleep, step <c>after</c> (2); output <c>{ "before": 1, "after": 2 }</c>.</summary>
[Workflow("sleepy")]
public sealed class SleepyWorkflow : WorkflowEntrypoint<SleepyParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<SleepyParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var before = await step.Do("before", _ => Task.FromResult(1));
        await step.Sleep("sleep", TimeSpan.FromSeconds(evt.Payload.Seconds));
        var after = await step.Do("after", _ => Task.FromResult(2));
        return new { before, after };
    }
}
