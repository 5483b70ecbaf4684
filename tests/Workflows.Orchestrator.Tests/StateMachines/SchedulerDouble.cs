using MassTransit;
using MassTransit.Scheduling;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>Takes the Scheduler's place on its queue: records the wake-ups the saga schedules and cancels, fires none (the test sends WakeInstance).</summary>
public sealed class SchedulerDouble(ReceivedMessages received) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    public Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
