using MassTransit;
using MassTransit.Scheduling;
using Quartz;
using Workflows.Scheduler.Jobs;

namespace Workflows.Scheduler.Consumers;

/// <summary>Removes a one-shot schedule by its token; a token that already fired or never existed is not an error.</summary>
public sealed class CancelScheduledMessageConsumer(ISchedulerFactory schedulerFactory, ILogger<CancelScheduledMessageConsumer> logger)
    : IConsumer<CancelScheduledMessage>
{
    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        var scheduler = await schedulerFactory.GetScheduler(context.CancellationToken);
        var removed = await scheduler.UnscheduleJob(ScheduleKeys.OneShotTrigger(context.Message.TokenId), context.CancellationToken);
        logger.LogDebug("Cancel {Token}: {Outcome}.", context.Message.TokenId, removed ? "removed" : "nothing to remove");
    }
}
