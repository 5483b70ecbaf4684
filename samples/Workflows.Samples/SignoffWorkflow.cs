using Workflows.Sdk;

namespace Workflows.Samples;

/// <summary>
/// Waits for a decision (<c>POST .../approve</c> or <c>.../reject</c>); output is who approved, why and their metadata.
/// A rejection fails the instance with <see cref="WorkflowRejectedException"/>, at once (it is not retried).
/// </summary>
[Workflow("signoff")]
public sealed class SignoffWorkflow : WorkflowEntrypoint<ApprovalParams>
{
    /// <inheritdoc />
    public override async Task<object?> RunAsync(WorkflowEvent<ApprovalParams> evt, IWorkflowStep step, CancellationToken ct)
    {
        var decision = await step.WaitForApproval("sign-off", new WaitForApprovalOptions { Timeout = evt.Payload?.Timeout ?? "24 hours" });
        return new { approvedBy = decision.By, decision.Reason, decision.Metadata };
    }
}
