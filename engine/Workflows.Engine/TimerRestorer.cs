using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// The embedded mode's timers live in memory, so a restart loses them: once the bus runs, every instance <c>Waiting</c>
/// with a wake time (sleep, retry backoff, wait timeout) gets its <see cref="WakeInstance"/> scheduled again. The saga
/// ignores a wake-up of an old generation or for an instance no longer waiting, so a duplicate is harmless.
/// Runs that died with the process (<c>Running</c>) need nothing here: the reconciler re-dispatches them once their
/// dispatch deadline has passed and their lease has expired.
/// </summary>
public sealed class TimerRestorer(IDbContextFactory<WorkflowsDbContext> factory, ILogger<TimerRestorer> logger) : IBusObserver
{
    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public async Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        await busReady;
        await using var db = await factory.CreateDbContextAsync();
        var waiting = await db.Instances.AsNoTracking()
            .Where(i => i.CurrentState == InstanceStates.Waiting && i.WakeAt != null)
            .Select(i => new { i.InstanceId, i.Generation, WakeAt = i.WakeAt!.Value })
            .ToListAsync();

        // A delayed plain send, not IMessageScheduler.ScheduleSend: a scheduled message carries a new scheduling token,
        // which the saga would reject as not its current timer; a message without a token is always taken.
        var saga = await bus.GetSendEndpoint(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
        var now = DateTimeOffset.UtcNow;
        foreach (var i in waiting)
            await saga.Send(new WakeInstance(i.InstanceId, i.Generation), context => context.Delay = i.WakeAt > now ? i.WakeAt - now : null);
        if (waiting.Count > 0)
            logger.LogInformation("Restored the timers of {Count} waiting instance(s)", waiting.Count);
    }

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
