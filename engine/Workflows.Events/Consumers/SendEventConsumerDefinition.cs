using MassTransit;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Events.Consumers;

public sealed class SendEventConsumerDefinition : ConsumerDefinition<SendEventConsumer>
{
    public SendEventConsumerDefinition()
    {
        EndpointName = QueueNames.SendEvent;
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SendEventConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseRetry(context);
        // EventAvailable leaves only once the event is stored.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
