using Quartz;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// Quartz keys of scheduled messages, as MassTransit's own Quartz integration names them: a one-shot's job and trigger
/// are its schedule token id; a recurring schedule's job is its id and group, its trigger "Recurring.Trigger.{id}".
/// </summary>
public static class ScheduleKeys
{
    private const string RecurringTriggerPrefix = "Recurring.Trigger.";

    public static JobKey OneShotJob(Guid tokenId) => new(tokenId.ToString("N"));

    public static TriggerKey OneShotTrigger(Guid tokenId) => new(tokenId.ToString("N"));

    public static JobKey RecurringJob(string scheduleId, string? scheduleGroup) =>
        string.IsNullOrEmpty(scheduleGroup) ? new JobKey(scheduleId) : new JobKey(scheduleId, scheduleGroup);

    public static TriggerKey RecurringTrigger(string scheduleId, string? scheduleGroup)
    {
        var name = scheduleId.StartsWith(RecurringTriggerPrefix, StringComparison.Ordinal) ? scheduleId : RecurringTriggerPrefix + scheduleId;
        return string.IsNullOrEmpty(scheduleGroup) ? new TriggerKey(name) : new TriggerKey(name, scheduleGroup);
    }
}
