namespace Workflows.Contracts;

/// <summary>
/// The firing that created an instance: the schedule's id, its interval or cron expression (exactly one is set) and
/// the slot it fired for (the scheduled time, not the time it ran; the instance id is derived from it).
/// </summary>
public sealed record ScheduleFiring(string Id, string? Every, string? Cron, DateTimeOffset ScheduledTime);
