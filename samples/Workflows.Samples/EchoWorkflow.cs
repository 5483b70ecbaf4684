using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Returns its params unchanged.</summary>
[Workflow("echo")]
public sealed class EchoWorkflow : WorkflowEntrypoint<JsonElement>
{
    /// <inheritdoc />
    public override Task<object?> RunAsync(WorkflowEvent<JsonElement> evt, IWorkflowStep step, CancellationToken ct) =>
        Task.FromResult<object?>(evt.Payload);
}
