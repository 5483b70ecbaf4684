using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>One step that throws <c>NonRetryableException("nope")</c>: the instance errors at once.</summary>
[Workflow("nonretryable")]
public sealed class NonRetryableWorkflow : WorkflowEntrypoint<JsonElement>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<JsonElement> evt, IWorkflowStep step, CancellationToken ct)
    {
        await step.Do("fail", _ => Task.FromException<int>(new NonRetryableException("nope")));
        return null;
    }
}
