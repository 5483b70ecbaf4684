using MassTransit;

namespace Workflows.Scheduler.Consumers;

/// <summary>Puts a scheduler consumer on the shared <c>scheduler</c> endpoint.</summary>
public sealed class SchedulerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public SchedulerConsumerDefinition(SchedulerEndpointDefinition endpoint) =>
        EndpointDefinition = endpoint as IEndpointDefinition<TConsumer>
            ?? throw new InvalidOperationException($"{typeof(TConsumer).Name} is not a consumer of the scheduler endpoint.");
}
