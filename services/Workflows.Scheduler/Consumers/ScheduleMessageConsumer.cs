using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Consumers;

/// <summary>
/// Stores a <see cref="ScheduleMessage"/> as a Quartz job keyed by its schedule token, with a one-shot trigger at the
/// due time that fires at once if it was missed (the Scheduler was down, or the time is already past).
/// </summary>
public sealed class ScheduleMessageConsumer(ISchedulerFactory schedulerFactory, ILogger<ScheduleMessageConsumer> logger) : IConsumer<ScheduleMessage>
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var command = context.Message;
        var dueAt = DueTimes.ToUtc(command.ScheduledTime);
        var body = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType)
            .GetMessageBody(new MessageSendContext<ScheduleMessage>(command));
        var stored = StoredMessage.From(context, command.Destination, body, command.CorrelationId, dueAt);

        var job = JobBuilder.Create<SendScheduledMessageJob>()
            .WithIdentity(ScheduleKeys.OneShotJob(command.CorrelationId))
            .RequestRecovery()
            .UsingJobData(stored.ToJobData())
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduleKeys.OneShotTrigger(command.CorrelationId))
            .ForJob(job)
            .StartAt(dueAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        // Replacing makes a redelivered or repeated ScheduleMessage for the same token a no-op instead of an error.
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, context.CancellationToken);
        logger.LogDebug("Scheduled {Token} for {Destination} at {Due:O}.", command.CorrelationId, command.Destination, dueAt);
    }
}
