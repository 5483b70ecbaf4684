using MassTransit;

namespace Workflows.ServiceDefaults;

/// <summary>
/// Scheduling through the Workflows Scheduler service, which speaks MassTransit's scheduling protocol on the
/// <c>scheduler</c> queue: plain MassTransit scheduling then works in every service.
/// </summary>
/// <example>
/// <code>
/// builder.AddServiceDefaults(x => x.AddWorkflowsScheduler());
/// // anywhere: IMessageScheduler.ScheduleSend(destination, dueAt, message) / CancelScheduledSend(destination, tokenId)
/// // in a consumer: context.ScheduleSend(...); in a state machine: Schedule(() => Timer, ...) and .Schedule(...)/.Unschedule(...)
/// </code>
/// </example>
public static class WorkflowsSchedulerExtensions
{
    public const string SchedulerQueueName = "scheduler";

    /// <summary>The Scheduler's queue; send <c>ScheduleRecurringSend</c> to it for recurring schedules.</summary>
    public static Uri SchedulerAddress { get; } = new($"queue:{SchedulerQueueName}");

    /// <summary>
    /// Registers <see cref="IMessageScheduler"/> (for code outside consumers) and gives every receive endpoint the message
    /// scheduler that <c>ConsumeContext.ScheduleSend</c> and a saga's <c>Schedule</c>/<c>Unschedule</c> activities use,
    /// all sending <c>ScheduleMessage</c>/<c>CancelScheduledMessage</c> to the Scheduler.
    /// </summary>
    public static IBusRegistrationConfigurator AddWorkflowsScheduler(this IBusRegistrationConfigurator bus)
    {
        bus.AddMessageScheduler(SchedulerAddress);
        bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageScheduler(SchedulerAddress));
        return bus;
    }
}
