using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Schedules;

/// <summary>
/// A schedule's timer on Quartz: a durable job per schedule (<see cref="FireScheduleJob"/>, key = the schedule id in
/// group <see cref="Group"/>) with one one-shot trigger at its next slot, keyed by that slot, fire-now on misfire. A
/// trigger per slot, not one rescheduled in place: a stale trigger only wakes the job early, and the job reads the row.
/// </summary>
public sealed class QuartzScheduleTimers(ISchedulerFactory schedulerFactory) : IScheduleTimers
{
    public const string Group = "workflow-schedules";

    public static JobKey JobOf(string scheduleId) => new(scheduleId, Group);

    public async Task SetAsync(string scheduleId, DateTimeOffset? at, CancellationToken ct)
    {
        var scheduler = await schedulerFactory.GetScheduler(ct);
        var jobKey = JobOf(scheduleId);
        if (at is not { } due)
        {
            await scheduler.DeleteJob(jobKey, ct);
            return;
        }
        var job = JobBuilder.Create<FireScheduleJob>().WithIdentity(jobKey).StoreDurably().RequestRecovery().Build();
        var triggerKey = new TriggerKey($"{scheduleId}.{due.UtcTicks}", Group);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .StartAt(due)
            // Due while every Scheduler was down: fire once when one is back; the firing counts the slots missed meanwhile.
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
        foreach (var other in await scheduler.GetTriggersOfJob(jobKey, ct))
            if (!other.Key.Equals(triggerKey))
                await scheduler.UnscheduleJob(other.Key, ct);
    }

    /// <summary>The ids of the schedules that have a Quartz job, and whether it has a trigger.</summary>
    public async Task<Dictionary<string, bool>> ListAsync(CancellationToken ct)
    {
        var scheduler = await schedulerFactory.GetScheduler(ct);
        var jobs = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), ct))
            jobs[key.Name] = (await scheduler.GetTriggersOfJob(key, ct)).Count > 0;
        return jobs;
    }
}
