using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Orchestrator.Admission;

/// <summary>
/// The limits Executors recorded with their workflows (<see cref="WorkflowDefinitionRow"/>), read at most once a second per
/// workflow: creation and admission ask for them per batch, and a changed limit may take that long to apply.
/// </summary>
public sealed class RecordedWorkflowLimits(IDbContextFactory<WorkflowsDbContext> factory, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (WorkflowLimits Limits, DateTimeOffset ReadAt)> read = new(StringComparer.Ordinal);

    /// <summary>The workflow's limits; <see cref="WorkflowLimits.None"/> when no Executor has recorded it.</summary>
    public async Task<WorkflowLimits> GetAsync(string workflow, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (read.TryGetValue(workflow, out var known) && now - known.ReadAt < Freshness)
            return known.Limits;
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(w => w.Name == workflow, ct);
        var limits = row?.Limits ?? WorkflowLimits.None;
        // An unknown workflow is not remembered: its Executor may record it (with limits) the next moment.
        if (row is not null)
            read[workflow] = (limits, now);
        return limits;
    }
}
