namespace Workflows.Sdk;

/// <summary>The schedule firing that started an instance (<see cref="WorkflowEvent{T}.Schedule"/>).</summary>
public sealed record WorkflowSchedule
{
    /// <summary>The schedule's id.</summary>
    public required string Id { get; init; }

    /// <summary>The schedule's interval as declared (such as <c>"5 minutes"</c>); null for a cron schedule.</summary>
    public string? Every { get; init; }

    /// <summary>The schedule's cron expression; null for an interval schedule.</summary>
    public string? Cron { get; init; }

    /// <summary>The slot this firing is for: the scheduled time, not the time it ran (the instance id is derived from it).</summary>
    public required DateTimeOffset ScheduledTime { get; init; }
}
