using MassTransit;
using Workflows.Contracts;

namespace Workflows.Executor.Consumers;

/// <summary>Every Executor replica hears pause, terminate and restart (on its own temporary queue) and signals its runs.</summary>
public sealed class RunControlConsumer(RunRegistry registry) :
    IConsumer<InstancePauseRequested>, IConsumer<InstanceTerminated>, IConsumer<InstanceRestarted>
{
    public Task Consume(ConsumeContext<InstancePauseRequested> context)
    {
        registry.RequestPause(context.Message.InstanceId, context.Message.Generation);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<InstanceTerminated> context)
    {
        registry.Cancel(context.Message.InstanceId, context.Message.Generation);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<InstanceRestarted> context)
    {
        registry.Cancel(context.Message.InstanceId, context.Message.Generation - 1);
        return Task.CompletedTask;
    }
}
