using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Consumers;

/// <summary>
/// Stores a <see cref="ScheduleRecurringMessage"/> as a Quartz job with a cron trigger, keyed by schedule id and group,
/// honouring the schedule's time zone, start and end, and its missed-event policy.
/// </summary>
public sealed class ScheduleRecurringMessageConsumer(ISchedulerFactory schedulerFactory, ILogger<ScheduleRecurringMessageConsumer> logger)
    : IConsumer<ScheduleRecurringMessage>
{
    public async Task Consume(ConsumeContext<ScheduleRecurringMessage> context)
    {
        var command = context.Message;
        var schedule = command.Schedule;
        var body = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType)
            .GetMessageBody(new MessageSendContext<ScheduleRecurringMessage>(command));
        var stored = StoredMessage.From(context, command.Destination, body);

        var job = JobBuilder.Create<SendScheduledMessageJob>()
            .WithIdentity(ScheduleKeys.RecurringJob(schedule.ScheduleId, schedule.ScheduleGroup))
            .RequestRecovery()
            .UsingJobData(stored.ToJobData())
            .Build();

        var timeZone = string.IsNullOrWhiteSpace(schedule.TimeZoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZoneId);
        var cron = CronScheduleBuilder.Create(schedule.CronExpression).InTimeZone(timeZone);
        cron = schedule.MisfirePolicy switch
        {
            MissedEventPolicy.Skip => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing),
            _ => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed),
        };
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduleKeys.RecurringTrigger(schedule.ScheduleId, schedule.ScheduleGroup))
            .WithDescription(schedule.Description)
            .ForJob(job)
            .StartAt(schedule.StartTime)
            .EndAt(schedule.EndTime)
            .WithSchedule(cron)
            .Build();

        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, context.CancellationToken);
        logger.LogDebug("Scheduled recurring {Schedule} ({Cron}) for {Destination}.", job.Key, schedule.CronExpression, command.Destination);
    }
}
