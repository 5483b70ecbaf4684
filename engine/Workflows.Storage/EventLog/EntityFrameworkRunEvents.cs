using Microsoft.EntityFrameworkCore;
using Workflows.Runtime;

namespace Workflows.Storage.EventLog;

/// <summary>
/// The embedded Executor's <see cref="IRunEvents"/> (SQLite): each event is appended to the instance's event log in its
/// own transaction (<see cref="RunEventRows"/>). On PostgreSQL, <see cref="BatchedRunEvents"/> commits them in groups.
/// </summary>
public sealed class EntityFrameworkRunEvents(IDbContextFactory<WorkflowsDbContext> factory) : IRunEvents
{
    public Task RecordAsync(InstanceDescriptor instance, RunEvent evt, CancellationToken ct = default) =>
        InstanceEventLog.AppendAsync(factory, [RunEventRows.Of(instance, evt)], ct);

    /// <summary>Nothing to wait for: each event was committed when it was recorded.</summary>
    public Task FlushAsync(CancellationToken ct = default) => Task.CompletedTask;
}
