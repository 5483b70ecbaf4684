using MassTransit;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Orchestrator.Consumers;

public sealed class CreateInstancesConsumerDefinition : ConsumerDefinition<CreateInstancesConsumer>
{
    public CreateInstancesConsumerDefinition()
    {
        EndpointName = QueueNames.CreateInstances;
        ConcurrentMessageLimit = 16;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CreateInstancesConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseRetry(context);
        // Dispatch and lifecycle events leave only after the rows are committed and the consumer succeeded.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
