using Workflows.Runtime;
using MassTransit;

namespace Workflows.Storage;

/// <summary>
/// One workflow instance. It is the Orchestrator's saga state (the state machine is the single writer of
/// <see cref="CurrentState"/> and the lifecycle columns) and the row the Api reads status from: one table, one mapping.
/// </summary>
public sealed class WorkflowInstance : SagaStateMachineInstance
{
    /// <summary>Deterministic GUID of <see cref="InstanceId"/> (see <see cref="InstanceIds.Correlation"/>).</summary>
    public Guid CorrelationId { get; set; }

    public required string InstanceId { get; set; }
    public required string Workflow { get; set; }

    /// <summary>The saga state name: Queued, Running, Waiting, Paused, WaitingForPause, Complete, Errored, Terminated.</summary>
    public required string CurrentState { get; set; }

    /// <summary>Bumped by restart; messages of an older generation are ignored.</summary>
    public long Generation { get; set; }

    /// <summary>
    /// Numbers every ExecuteInstance sent for the instance. A run that suspends or pauses reports the number it was
    /// given, and only the latest dispatch's report counts: a superseded run's view of the history may be out of date.
    /// </summary>
    public long Dispatch { get; set; }

    public string? ParamsJson { get; set; }
    public string? OutputJson { get; set; }

    /// <summary>The schedule firing that created the instance (a <c>ScheduleFiring</c> as JSON), when one did.</summary>
    public string? ScheduleJson { get; set; }
    public string? ErrorName { get; set; }
    public string? ErrorMessage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the current suspension wakes (sleep, retry backoff, wait timeout); null when it waits for events only.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>The scheduler's token for the pending wake-up, so it can be cancelled.</summary>
    public Guid? WakeTokenId { get; set; }

    /// <summary>Event types the suspended run waits for.</summary>
    public string[] AwaitedEventTypes { get; set; } = [];

    /// <summary>An awaited-or-not event arrived while a run was in flight: dispatch again when it suspends.</summary>
    public bool EventPending { get; set; }

    /// <summary>
    /// When the instance must have moved on: a dispatched run must have reported back, a waiting one's timer must have
    /// fired (its wake-up plus the grace). Past it, the reconciler dispatches it again.
    /// </summary>
    public DateTimeOffset? DispatchDeadline { get; set; }

    /// <summary>Finished instances are purged after this instant.</summary>
    public DateTimeOffset? RetainUntil { get; set; }

    /// <summary>The instance that started this one with <c>step.Invoke</c>; null for a top-level instance.</summary>
    public string? ParentInstanceId { get; set; }

    /// <summary>A child terminated when its parent ends first (the default parent-close policy).</summary>
    public bool TerminateWithParent { get; set; }

    /// <summary>Terminated with rollback: the current run only runs the rollbacks, then the instance is <c>Terminated</c>.</summary>
    public bool RollingBack { get; set; }

    /// <summary>How the rollbacks went (<c>complete</c> or <c>failed</c>); null when none ran.</summary>
    public string? RollbackOutcome { get; set; }
    public string? RollbackErrorName { get; set; }
    public string? RollbackErrorMessage { get; set; }

    /// <summary>The W3C traceparent of the request that created the instance: every later run is a span in that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>1 (highest) to 5; queued instances are admitted by priority, then creation.</summary>
    public int Priority { get; set; } = Contracts.InstancePriorities.Default;

    /// <summary>Created under a concurrency limit: it started <c>Queued</c>, and leaving a slot-holding state asks for admission.</summary>
    public bool FlowControlled { get; set; }

    /// <summary>The value at the workflow's concurrency key pointer in the params, when it has one (docs/flow-control.md).</summary>
    public string? ConcurrencyKey { get; set; }

    /// <summary>Where every lifecycle event of the instance is POSTed (signed), when the creator gave one.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>PostgreSQL's xmin: the optimistic-concurrency guard on save.</summary>
    public uint Version { get; set; }
}
