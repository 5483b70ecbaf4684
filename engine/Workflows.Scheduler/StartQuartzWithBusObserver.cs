using MassTransit;
using Quartz;

namespace Workflows.Scheduler;

/// <summary>
/// Starts Quartz once the bus is up (so no trigger fires into a bus that cannot send yet) and shuts it down, letting
/// running sends finish, before the bus stops.
/// </summary>
public sealed class StartQuartzWithBusObserver(ISchedulerFactory schedulerFactory, ILogger<StartQuartzWithBusObserver> logger) : IBusObserver
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
        var scheduler = await schedulerFactory.GetScheduler();
        await scheduler.Start();
        logger.LogInformation("Quartz scheduler {Instance} started.", scheduler.SchedulerInstanceId);
    }

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public async Task PreStop(IBus bus)
    {
        var scheduler = await schedulerFactory.GetScheduler();
        await scheduler.Shutdown(waitForJobsToComplete: true);
    }

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
