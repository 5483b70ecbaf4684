using Workflows.Sdk;

namespace Workflows.HelloApp;

/// <summary>Greets <see cref="HelloParams.Name"/> after a durable one-second pause; output <c>{ "greeting": "Hello, world" }</c>.</summary>
[Workflow("hello")]
public sealed class HelloWorkflow : WorkflowEntrypoint<HelloParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<HelloParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        // Each step's result is stored: after the sleep the workflow runs again from the top and replays it.
        var name = await step.Do("tidy-name", _ => Task.FromResult(evt.Payload.Name.Trim()));
        await step.Sleep("wait-a-second", "1 second");
        var greeting = await step.Do("greet", _ => Task.FromResult($"Hello, {name}"));
        return new { greeting };
    }
}
