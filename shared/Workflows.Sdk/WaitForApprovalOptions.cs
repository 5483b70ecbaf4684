namespace Workflows.Sdk;

/// <summary>What <see cref="IWorkflowStep.WaitForApproval"/> waits for.</summary>
public sealed record WaitForApprovalOptions
{
    /// <summary>How long to wait (at most 365 days) before <see cref="WorkflowTimeoutException"/>; default 24 hours.</summary>
    public Duration Timeout { get; init; } = TimeSpan.FromHours(24);
}
