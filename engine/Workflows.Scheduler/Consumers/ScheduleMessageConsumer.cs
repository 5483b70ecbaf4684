using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Consumers;

/// <summary>
/// Stores a <see cref="ScheduleMessage"/> as a Quartz trigger of the shared one-shot job, keyed by its schedule token and
/// holding the message, due at the due time and fired at once if that was missed (the Scheduler was down, or the time
/// is already past).
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

        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduleKeys.OneShotTrigger(command.CorrelationId))
            .ForJob(ScheduleKeys.OneShotJob)
            .UsingJobData(stored.ToJobData())
            .StartAt(dueAt)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        try
        {
            // A plain insert takes no TRIGGER_ACCESS lock (LockOnInsert is off); Quartz locks a replacing store whatever that says.
            await scheduler.ScheduleJob(trigger, default, context.CancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // A redelivered or repeated ScheduleMessage for the same token replaces the stored one instead of failing.
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, context.CancellationToken);
        }
        logger.LogDebug("Scheduled {Token} for {Destination} at {Due:O}.", command.CorrelationId, command.Destination, dueAt);
    }
}
