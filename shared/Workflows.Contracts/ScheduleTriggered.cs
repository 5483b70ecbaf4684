namespace Workflows.Contracts;

/// <summary>
/// The answer to <see cref="TriggerSchedule"/>: the <see cref="ScheduleFiringOutcomes"/> value, the instance id the firing
/// has (created, or to be created when the buffered firing starts) and its scheduled time; Outcome is
/// <see cref="ScheduleFiringOutcomes.NotFound"/> when no such schedule exists.
/// </summary>
public sealed record ScheduleTriggered(string ScheduleId, string Outcome, string? InstanceId, DateTimeOffset ScheduledTime);
