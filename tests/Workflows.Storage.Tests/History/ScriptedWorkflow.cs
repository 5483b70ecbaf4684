using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Storage.Tests.History;

/// <summary>A workflow whose body each test writes inline (<see cref="Script.Body"/>).</summary>
[Workflow("scripted")]
public sealed class ScriptedWorkflow(Script script) : WorkflowEntrypoint<JsonElement>
{
    public override Task<object?> RunAsync(WorkflowEvent<JsonElement> evt, IWorkflowStep step, CancellationToken ct) =>
        script.Body(evt, step, ct);
}
