using Quartz;
using Workflows.Scheduler.Schedules;

namespace Workflows.Scheduler.Jobs;

/// <summary>
/// A schedule's job: fires its due slot and sets its trigger to the next. One job per schedule, never two of its
/// firings at once across the cluster (<c>[DisallowConcurrentExecution]</c> per job key); cut off by a crash it runs
/// again (<c>RequestRecovery</c>), and the slot-derived instance id makes the second run find the first's instance.
/// A failure (the Orchestrator not answering) is retried from the store with backoff.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(30, "00:00:01", 2, MaxDelay = "00:01:00", Jitter = 0.2)]
public sealed class FireScheduleJob(ScheduleFirer firer, QuartzScheduleTimers timers) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var scheduleId = context.JobDetail.Key.Name;
        var next = await firer.FireDueAsync(scheduleId, cancellationToken);
        await timers.SetAsync(scheduleId, next, cancellationToken);
    }
}
