using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Executor.Consumers;

public sealed class ExecuteInstanceConsumerDefinition : ConsumerDefinition<ExecuteInstanceConsumer>
{
    private readonly ExecutorOptions settings;

    public ExecuteInstanceConsumerDefinition(IOptions<ExecutorOptions> options)
    {
        settings = options.Value;
        EndpointName = QueueNames.ExecuteInstance;
        ConcurrentMessageLimit = settings.ConcurrentRuns;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ExecuteInstanceConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = settings.PrefetchCount;
        // The history store failed (PostgreSQL restarting): the run is replayed from its last persisted step.
        endpointConfigurator.UseDatabaseRetry(context);
    }
}
