namespace Workflows.Contracts;

/// <summary>Sent to the <see cref="QueueNames.Schedules"/> queue after a schedule's row was written or deleted: the Scheduler re-reads it and sets its timer.</summary>
public sealed record ScheduleChanged(string ScheduleId);
