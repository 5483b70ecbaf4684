using MassTransit;
using Workflows.Storage;

namespace Workflows.Orchestrator.Outbox;

/// <summary>The state machine's <c>.Record(...)</c>: a lifecycle event through the outbox, where <c>.Publish(...)</c> would send it after the commit.</summary>
public static class LifecycleOutboxExtensions
{
    /// <summary>Records the message in the instance's event log, in the saga's transaction; the relay publishes it.</summary>
    public static EventActivityBinder<WorkflowInstance, T> Record<T>(this EventActivityBinder<WorkflowInstance, T> binder,
        Func<BehaviorContext<WorkflowInstance, T>, object> message)
        where T : class =>
        binder.ThenAsync(c => LifecycleOutbox.AddAsync(c, message(c)));
}
