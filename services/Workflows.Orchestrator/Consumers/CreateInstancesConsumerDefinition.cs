using System.Data.Common;
using MassTransit;
using Workflows.Contracts;

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
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
        // Dispatch and lifecycle events leave only after the rows are committed and the consumer succeeded.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
