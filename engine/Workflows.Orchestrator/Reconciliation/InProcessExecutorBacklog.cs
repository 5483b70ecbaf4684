using MassTransit;
using Workflows.Contracts;

namespace Workflows.Orchestrator.Reconciliation;

/// <summary>
/// The embedded engine's count of runs sent to the Executors' in-memory queues and not yet received: a send observer and
/// a receive observer on the process's one bus (the Orchestrator and the Executor share it, so every send and receive is
/// seen). A restart starts at zero, as the in-memory queues do.
/// </summary>
internal sealed class InProcessExecutorBacklog : IExecutorBacklog, ISendObserver, IReceiveObserver
{
    private long _waiting;

    public Task<bool> IsEmptyAsync(CancellationToken ct) => Task.FromResult(Interlocked.Read(ref _waiting) <= 0);

    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        if (IsLane(context.DestinationAddress))
            Interlocked.Increment(ref _waiting);
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context)
    {
        if (IsLane(context.InputAddress))
            Interlocked.Decrement(ref _waiting);
        return Task.CompletedTask;
    }

    private static bool IsLane(Uri? address) =>
        address?.Segments[^1] is QueueNames.ExecuteInstance or QueueNames.ExecuteInstancePrompt;

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
