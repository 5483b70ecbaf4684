namespace Workflows.Sdk;

/// <summary>What an instance was started with: its params and identity.</summary>
/// <typeparam name="T">The params type.</typeparam>
public sealed record WorkflowEvent<T>
{
    /// <summary>The instance's params.</summary>
    public required T Payload { get; init; }

    /// <summary>When the instance was created; the same on every replay.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The workflow's registered name.</summary>
    public required string WorkflowName { get; init; }

    /// <summary>The schedule firing that started the instance; null when it was not started by a schedule.</summary>
    public WorkflowSchedule? Schedule { get; init; }
}
