using MassTransit;

namespace Workflows.Orchestrator.Tests.Sagas;

/// <summary>Completes when a fault of <see cref="SagaProbeBumped"/> is published.</summary>
public sealed class BumpFaults
{
    private readonly TaskCompletionSource<Fault<SagaProbeBumped>> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Fault<SagaProbeBumped>> First => _first.Task;

    public void Add(Fault<SagaProbeBumped> fault) => _first.TrySetResult(fault);
}

public sealed class BumpFaultConsumer(BumpFaults faults) : IConsumer<Fault<SagaProbeBumped>>
{
    public Task Consume(ConsumeContext<Fault<SagaProbeBumped>> context)
    {
        faults.Add(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Counts the bumps one host handled, to show that two replicas shared the queue.</summary>
public sealed class BumpCounter : IConsumeMessageObserver<SagaProbeBumped>
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task PreConsume(ConsumeContext<SagaProbeBumped> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<SagaProbeBumped> context)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<SagaProbeBumped> context, Exception exception) => Task.CompletedTask;
}
