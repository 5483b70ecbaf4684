using MassTransit;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Storage;

namespace Workflows.Executor.Consumers;

public sealed class PromptExecuteInstanceConsumerDefinition : ConsumerDefinition<PromptExecuteInstanceConsumer>
{
    private readonly ExecutorOptions settings;

    public PromptExecuteInstanceConsumerDefinition(IOptions<ExecutorOptions> options)
    {
        settings = options.Value;
        EndpointName = QueueNames.ExecuteInstancePrompt;
        ConcurrentMessageLimit = settings.PromptRuns;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PromptExecuteInstanceConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // No more ahead of time than it can start: a busy process does not sit on prompt work another could run now.
        endpointConfigurator.PrefetchCount = settings.PromptRuns;
        endpointConfigurator.UseDatabaseRetry(context);
    }
}
