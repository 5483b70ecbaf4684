using MassTransit;
using Microsoft.EntityFrameworkCore;
using Workflows.Client.Models;
using Workflows.Contracts;
using Workflows.Storage;
using Workflows.Storage.EventLog;

namespace Workflows.Orchestrator.Outbox;

/// <summary>
/// Writes lifecycle events into the event log through the DbContext of the delivery in progress, so they commit with
/// the saga's row (or the created instances) and the <see cref="OutboxRelay"/> publishes them after: a crash between the
/// commit and the publish delays an event, never loses it.
/// </summary>
public static class LifecycleOutbox
{
    /// <summary>Adds <paramref name="message"/> to the log in the saga repository's DbContext (saved with the saga).</summary>
    public static Task AddAsync(PipeContext context, object message) =>
        AddAsync(context, LifecycleMessages.Row(message));

    /// <summary>Adds a row to the log in the saga repository's DbContext (saved with the saga).</summary>
    public static Task AddAsync(PipeContext context, InstanceEventRow row)
    {
        // The saga repository puts its DbContext in the consume context's payloads; without it there is no transaction to join.
        if (!context.TryGetPayload<DbContext>(out var db) || db is not WorkflowsDbContext workflows)
            throw new InvalidOperationException("Lifecycle events are written with the saga's row: the saga needs the EF Core repository on WorkflowsDbContext.");
        return InstanceEventLog.AddAsync(workflows, [row], context.CancellationToken);
    }

    /// <summary>The stream's <c>started</c> after a restart (observers get <c>InstanceRestarted</c>, published directly to stop old runs).</summary>
    public static InstanceEventRow Restarted(WorkflowInstance saga, DateTimeOffset now) => new()
    {
        InstanceId = saga.InstanceId,
        Type = InstanceStreamEventTypes.Started,
        Timestamp = now,
        Status = InstanceStatuses.Running,
    };
}
