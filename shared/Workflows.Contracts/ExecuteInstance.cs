namespace Workflows.Contracts;

/// <summary>
/// Command to an Executor: run the instance (with replay) until it completes, suspends, pauses or fails.
/// <paramref name="Dispatch"/> numbers the saga's dispatches of the instance; the run's outcome carries it back.
/// <paramref name="Rollback"/>: the instance is being terminated with rollback; run only its rollbacks (<see cref="ExecutionRolledBack"/>).
/// <paramref name="Schedule"/> is the firing that created the instance, when a schedule did.
/// <paramref name="TraceParent"/> is the W3C traceparent of the instance's trace: the run is a span in it, whatever trace delivered this message.
/// </summary>
public sealed record ExecuteInstance(string InstanceId, string Workflow, long Generation, string? ParamsJson, DateTimeOffset CreatedAt, long Dispatch = 0, bool Rollback = false, ScheduleFiring? Schedule = null, string? TraceParent = null);
