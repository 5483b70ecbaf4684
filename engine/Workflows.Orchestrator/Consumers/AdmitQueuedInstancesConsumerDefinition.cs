using MassTransit;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Orchestrator.Consumers;

public sealed class AdmitQueuedInstancesConsumerDefinition : ConsumerDefinition<AdmitQueuedInstancesConsumer>
{
    public AdmitQueuedInstancesConsumerDefinition()
    {
        EndpointName = QueueNames.AdmitInstances;
        // Admission of one workflow is serialized anyway; more would only wait on its lock.
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AdmitQueuedInstancesConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseDatabaseRetry(context);
        // Dispatches leave only after the admission is committed.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
