using System.Data.Common;
using MassTransit;
using Workflows.Contracts;

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
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<DbException>();
            r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
        // EventAvailable leaves only once the event is stored.
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
