using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>Waits for an <c>approval</c> event; output is its payload, or <c>{ "timedOut": true }</c>.</summary>
[Workflow("approval")]
public sealed class ApprovalWorkflow : WorkflowEntrypoint<ApprovalParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ApprovalParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var options = new WaitForEventOptions { Type = "approval", Timeout = evt.Payload?.Timeout ?? "24 hours" };
        try
        {
            var approval = await step.WaitForEvent<JsonElement>("approval", options);
            return approval.Payload;
        }
        catch (WorkflowTimeoutException)
        {
            return new { timedOut = true };
        }
    }
}
