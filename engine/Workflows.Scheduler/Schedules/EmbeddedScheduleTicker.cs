using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Scheduler.Schedules;

/// <summary>
/// The embedded default's schedule timers (no Quartz there): one loop that sleeps until the earliest next slot in the
/// schedules table (at most <see cref="MaxSleep"/>, and woken early when a schedule changes) and fires what is due. The
/// row holds the slot, so a restart resumes where the table says, a slot due while the process was down fires once
/// when it is back (the missed ones counted), and the slot-derived instance ids keep one instance per slot.
/// </summary>
public sealed class EmbeddedScheduleTicker(
    IDbContextFactory<WorkflowsDbContext> factory,
    ScheduleFirer firer,
    DatabaseSchema schema,
    TimeProvider time,
    ILogger<EmbeddedScheduleTicker> logger) : BackgroundService, IScheduleTimers
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _changed = new(0, 1);

    public Task SetAsync(string scheduleId, DateTimeOffset? at, CancellationToken ct)
    {
        // A full semaphore means a wake-up is already pending.
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.WaitUntilReadyAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = MaxSleep;
                try
                {
                    sleep = await FireDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not fire the due schedules; trying again");
                }
                await _changed.WaitAsync(sleep, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <returns>How long to sleep until the next slot (at most <see cref="MaxSleep"/>).</returns>
    private async Task<TimeSpan> FireDueAsync(CancellationToken ct)
    {
        List<(string Id, DateTimeOffset Next)> active;
        await using (var db = await factory.CreateDbContextAsync(ct))
            active = (await db.Schedules.AsNoTracking()
                .Where(s => s.State == ScheduleStates.Active && s.NextFireAt != null)
                .Select(s => new { s.Id, s.NextFireAt })
                .ToListAsync(ct))
                .Select(s => (s.Id, s.NextFireAt!.Value))
                .ToList();
        var now = time.GetUtcNow();
        var earliest = now + MaxSleep;
        foreach (var (id, next) in active)
        {
            var due = next <= now ? await firer.FireDueAsync(id, ct) : next;
            if (due is { } d && d < earliest)
                earliest = d;
        }
        var sleep = earliest - time.GetUtcNow();
        return sleep > TimeSpan.Zero ? sleep : TimeSpan.Zero;
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
