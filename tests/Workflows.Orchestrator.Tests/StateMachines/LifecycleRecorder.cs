using MassTransit;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>A subscriber to the lifecycle events the Orchestrator publishes, as any other service would subscribe.</summary>
public sealed class LifecycleRecorder(ReceivedMessages received) :
    IConsumer<InstanceCreated>, IConsumer<InstanceStarted>, IConsumer<InstanceProgress>, IConsumer<InstanceCompleted>,
    IConsumer<InstanceErrored>, IConsumer<InstancePauseRequested>, IConsumer<InstancePaused>, IConsumer<InstanceResumed>,
    IConsumer<InstanceTerminated>, IConsumer<InstanceRestarted>
{
    public Task Consume(ConsumeContext<InstanceCreated> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceStarted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceProgress> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceCompleted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceErrored> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstancePauseRequested> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstancePaused> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceResumed> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceTerminated> context) => Record(context.Message);

    public Task Consume(ConsumeContext<InstanceRestarted> context) => Record(context.Message);

    private Task Record(object message)
    {
        received.Add(message);
        return Task.CompletedTask;
    }
}
