using MassTransit;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>Takes the Executors' place on their prompt queue: records each dispatch, runs nothing (the test reports the outcome).</summary>
public sealed class ExecutorDouble(ReceivedMessages received) : IConsumer<ExecuteInstance>
{
    public Task Consume(ConsumeContext<ExecuteInstance> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Takes the Executors' place on their bulk queue: records each dispatch as a <see cref="BulkDispatch"/>.</summary>
public sealed class BulkExecutorDouble(ReceivedMessages received) : IConsumer<ExecuteInstance>
{
    public Task Consume(ConsumeContext<ExecuteInstance> context)
    {
        received.Add(new BulkDispatch(context.Message));
        return Task.CompletedTask;
    }
}

/// <summary>An <see cref="ExecuteInstance"/> that arrived on the bulk queue.</summary>
public sealed record BulkDispatch(ExecuteInstance Message);
