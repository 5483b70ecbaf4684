using Workflows.Sdk;

namespace Workflows.Executor.Tests;

/// <summary>A workflow for the Executor under test to register.</summary>
[Workflow("greeting")]
public sealed class GreetingWorkflow : WorkflowEntrypoint<string>
{
    public override async Task<object?> RunAsync(WorkflowEvent<string> evt, IWorkflowStep step, CancellationToken ct) =>
        await step.Do("greet", _ => Task.FromResult($"hello {evt.Payload}"));
}
