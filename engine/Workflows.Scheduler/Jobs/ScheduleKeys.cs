using Quartz;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// Quartz keys of scheduled messages: a one-shot's trigger is its schedule token id, as in MassTransit's own Quartz
/// integration, on one durable job all one-shots share; a recurring schedule's job is its id and group, its trigger
/// "Recurring.Trigger.{id}".
/// </summary>
public static class ScheduleKeys
{
    private const string RecurringTriggerPrefix = "Recurring.Trigger.";

    /// <summary>
    /// The job every one-shot trigger fires, its message in the trigger's data. Durable, so a firing completes without
    /// Quartz's TRIGGER_ACCESS lock, which it takes to delete a non-durable job along with its last trigger.
    /// </summary>
    public static readonly JobKey OneShotJob = new("one-shot", "scheduled-messages");

    public static TriggerKey OneShotTrigger(Guid tokenId) => new(tokenId.ToString("N"));

    public static JobKey RecurringJob(string scheduleId, string? scheduleGroup) =>
        string.IsNullOrEmpty(scheduleGroup) ? new JobKey(scheduleId) : new JobKey(scheduleId, scheduleGroup);

    public static TriggerKey RecurringTrigger(string scheduleId, string? scheduleGroup)
    {
        var name = scheduleId.StartsWith(RecurringTriggerPrefix, StringComparison.Ordinal) ? scheduleId : RecurringTriggerPrefix + scheduleId;
        return string.IsNullOrEmpty(scheduleGroup) ? new TriggerKey(name) : new TriggerKey(name, scheduleGroup);
    }
}
