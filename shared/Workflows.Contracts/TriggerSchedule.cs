namespace Workflows.Contracts;

/// <summary>Request to the <see cref="QueueNames.Schedules"/> queue: fire the schedule now, under its overlap policy; answered with <see cref="ScheduleTriggered"/>.</summary>
public sealed record TriggerSchedule(string ScheduleId);
