using MassTransit;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Scheduler.Consumers;

/// <summary>The <c>schedules</c> queue; database hiccups are retried (every message here is idempotent).</summary>
public sealed class SchedulesConsumerDefinition : ConsumerDefinition<SchedulesConsumer>
{
    public SchedulesConsumerDefinition()
    {
        EndpointName = QueueNames.Schedules;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SchedulesConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseDatabaseRetry(context);
}
