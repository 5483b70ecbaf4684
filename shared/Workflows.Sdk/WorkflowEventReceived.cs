namespace Workflows.Sdk;

/// <summary>An event delivered to <see cref="IWorkflowStep.WaitForEvent{T}"/>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed record WorkflowEventReceived<T>
{
    /// <summary>The event type.</summary>
    public required string Type { get; init; }

    /// <summary>The event payload.</summary>
    public required T Payload { get; init; }

    /// <summary>When the event was received by the engine.</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
