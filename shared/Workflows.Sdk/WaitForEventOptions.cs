namespace Workflows.Sdk;

/// <summary>What <see cref="IWorkflowStep.WaitForEvent{T}"/> waits for.</summary>
public sealed record WaitForEventOptions
{
    /// <summary>The event type to wait for.</summary>
    public required string Type { get; init; }

    /// <summary>How long to wait (at most 365 days) before <see cref="WorkflowTimeoutException"/>; default 24 hours.</summary>
    public Duration Timeout { get; init; } = TimeSpan.FromHours(24);
}
