using MassTransit;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>Takes the Executors' place on their queue: records each dispatch, runs nothing (the test reports the outcome).</summary>
public sealed class ExecutorDouble(ReceivedMessages received) : IConsumer<ExecuteInstance>
{
    public Task Consume(ConsumeContext<ExecuteInstance> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
