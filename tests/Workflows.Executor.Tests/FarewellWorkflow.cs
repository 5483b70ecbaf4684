using Workflows.Sdk;

namespace Workflows.Executor.Tests;

/// <summary>A second workflow for the Executor under test to register.</summary>
[Workflow("farewell")]
public sealed class FarewellWorkflow : WorkflowEntrypoint<string>
{
    public override async Task<object?> RunAsync(WorkflowEvent<string> evt, IWorkflowStep step, CancellationToken ct) =>
        await step.Do("wave", _ => Task.FromResult($"goodbye {evt.Payload}"));
}
