using MassTransit;
using Workflows.Contracts;

namespace Workflows.Executor.Consumers;

/// <summary>
/// The <see cref="ExecuteInstanceConsumer"/> on the prompt queue (<see cref="QueueNames.ExecuteInstancePrompt"/>): the
/// same run, with slots of its own, so work someone waits on never queues behind the bulk queue's backlog.
/// </summary>
public sealed class PromptExecuteInstanceConsumer(ExecuteInstanceConsumer runs) : IConsumer<ExecuteInstance>
{
    public Task Consume(ConsumeContext<ExecuteInstance> context) => runs.Consume(context);
}
