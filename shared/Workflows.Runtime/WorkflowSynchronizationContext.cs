using System.Collections.Concurrent;

namespace Workflows.Runtime;

/// <summary>
/// A single-threaded queue for the workflow body's continuations: the runner drains it and, when it is empty
/// and no step is in flight, knows the workflow is idle (done or suspended).
/// </summary>
internal sealed class WorkflowSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> queue = new();
    // Never disposed on purpose: an abandoned step (terminate, crash test) may still post after the run ended.
    private readonly SemaphoreSlim signal = new(0);

    public override void Post(SendOrPostCallback d, object? state)
    {
        queue.Enqueue((d, state));
        signal.Release();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflow code cannot Send to its synchronization context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued callbacks, with this context current, until the queue is empty.</summary>
    public void Drain()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (queue.TryDequeue(out var item))
                item.Callback(item.State);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Waits until something is posted.</summary>
    public Task WaitAsync(CancellationToken ct) => signal.WaitAsync(ct);
}
