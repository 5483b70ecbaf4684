using MassTransit;
using MassTransit.Scheduling;
using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Consumers;

/// <summary>Cancels, pauses and resumes recurring schedules by schedule id and group.</summary>
public sealed class RecurringScheduleControlConsumer(ISchedulerFactory schedulerFactory) :
    IConsumer<CancelScheduledRecurringMessage>,
    IConsumer<PauseScheduledRecurringMessage>,
    IConsumer<ResumeScheduledRecurringMessage>
{
    public async Task Consume(ConsumeContext<CancelScheduledRecurringMessage> context)
    {
        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        await scheduler.UnscheduleJob(ScheduleKeys.RecurringTrigger(context.Message.ScheduleId, context.Message.ScheduleGroup), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<PauseScheduledRecurringMessage> context)
    {
        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        await scheduler.PauseTrigger(ScheduleKeys.RecurringTrigger(context.Message.ScheduleId, context.Message.ScheduleGroup), context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ResumeScheduledRecurringMessage> context)
    {
        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        await scheduler.ResumeTrigger(ScheduleKeys.RecurringTrigger(context.Message.ScheduleId, context.Message.ScheduleGroup), context.CancellationToken);
    }
}
