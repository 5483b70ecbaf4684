using System.Text.Json;

namespace Workflows.Sdk;

/// <summary>
/// The payload of the <c>approval</c> event that <c>POST .../approve</c> and <c>.../reject</c> send, and what
/// <see cref="IWorkflowStep.WaitForApproval"/> returns.
/// </summary>
/// <param name="Approved">True for approve, false for reject.</param>
/// <param name="Reason">Why, as the approver put it.</param>
/// <param name="Metadata">Anything else the approver sent, as a JSON object.</param>
/// <param name="By">Who decided: the name of the API key the request carried (<c>Api:NamedKeys</c>).</param>
public sealed record ApprovalDecision(bool Approved, string? Reason = null, JsonElement? Metadata = null, string? By = null)
{
    /// <summary>The event type approvals are sent as.</summary>
    public const string EventType = "approval";
}
