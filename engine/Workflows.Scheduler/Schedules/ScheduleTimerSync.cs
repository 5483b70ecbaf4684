using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Scheduler.Schedules;

/// <summary>
/// Makes Quartz agree with the schedules table, at start and then every <see cref="SchedulerOptions.ScheduleSyncInterval"/>:
/// an active schedule without a trigger gets one at its next slot, one whose slot is overdue by more than the interval
/// gets its trigger stored again (a trigger left blocked or acquired by a node that died), and a job whose schedule is
/// gone or paused is deleted. It repairs what a lost <see cref="ScheduleChanged"/> would leave (the Api died between its
/// commit and its send). Setting a timer again is harmless: the firing reads the row, and its slot has one instance id.
/// </summary>
public sealed class ScheduleTimerSync(
    IDbContextFactory<WorkflowsDbContext> factory,
    QuartzScheduleTimers timers,
    DatabaseSchema schema,
    Microsoft.Extensions.Options.IOptions<SchedulerOptions> options,
    ILogger<ScheduleTimerSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.WaitUntilReadyAsync(stoppingToken);
            do
            {
                try
                {
                    await SyncAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not compare the schedules with their timers; trying again later");
                }
            }
            while (await Task.Delay(options.Value.ScheduleSyncInterval, stoppingToken).ContinueWith(t => !t.IsCanceled, TaskScheduler.Default));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        Dictionary<string, DateTimeOffset?> rows;
        await using (var db = await factory.CreateDbContextAsync(ct))
            rows = await db.Schedules.AsNoTracking()
                .Where(s => s.State == ScheduleStates.Active && s.NextFireAt != null)
                .ToDictionaryAsync(s => s.Id, s => s.NextFireAt, StringComparer.Ordinal, ct);
        var jobs = await timers.ListAsync(ct);
        var overdue = DateTimeOffset.UtcNow - options.Value.ScheduleSyncInterval;
        foreach (var (id, next) in rows)
            if (!jobs.GetValueOrDefault(id) || next < overdue)
                await timers.SetAsync(id, next, ct);
        foreach (var id in jobs.Keys.Where(id => !rows.ContainsKey(id)))
            await timers.SetAsync(id, null, ct);
    }
}
