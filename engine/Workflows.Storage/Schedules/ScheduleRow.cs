namespace Workflows.Storage.Schedules;

/// <summary>
/// A schedule: its definition (as <see cref="ScheduleDefinition"/>), whether it is active, its next slot and what its
/// firings did. The row is the truth the timers act on: a timer only wakes whoever fires it, who reads the slot here.
/// </summary>
public sealed class ScheduleRow
{
    public required string Id { get; set; }
    public required string Workflow { get; set; }
    public string? ParamsJson { get; set; }
    public string? Every { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public required string Overlap { get; set; }
    public DateTimeOffset? StartAt { get; set; }
    public DateTimeOffset? EndAt { get; set; }

    /// <summary><c>active</c> or <c>paused</c> (<see cref="Contracts.ScheduleStates"/>).</summary>
    public required string State { get; set; }

    /// <summary>The slot the schedule fires next; null once it has ended (past <see cref="EndAt"/>).</summary>
    public DateTimeOffset? NextFireAt { get; set; }

    /// <summary>The slot bufferOne holds until the previous instance ends.</summary>
    public DateTimeOffset? PendingFireAt { get; set; }

    /// <summary>The instance of the latest firing that created one: the one overlap policies look at.</summary>
    public string? LastInstanceId { get; set; }

    public long FiredCount { get; set; }
    public long SkippedCount { get; set; }

    /// <summary>Slots that passed while no Scheduler ran: they fired once, as one firing, when one was back.</summary>
    public long MissedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bumped by every write: the concurrency guard between the Api, the firing and a bufferOne release.</summary>
    public long Revision { get; set; }
}
