using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Contracts;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.EventLog;
using Workflows.Storage.Schedules;

namespace Workflows.Orchestrator.Admission;

/// <summary>
/// Starts the queued instances of one workflow that its limits have room for (docs/flow-control.md): counts the instances
/// holding a slot (<see cref="InstanceStates.HoldingSlot"/>), takes queued ones by priority then creation, skipping keys at
/// their limit, and moves them to <c>Running</c> with a dispatch deadline in one transaction; then dispatches them. The
/// work is one count plus the rows admitted. Admission of a workflow is serialized: an advisory lock on PostgreSQL (every
/// Orchestrator replica), a semaphore in-process (SQLite has no row locks; the embedded engine is one process).
/// </summary>
public sealed class InstanceAdmitter(
    IDbContextFactory<WorkflowsDbContext> factory,
    RecordedWorkflowLimits recorded,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    ILogger<InstanceAdmitter> logger)
{
    /// <summary>Most instances admitted in one pass (a workflow without a total limit admits in passes of this size).</summary>
    public const int MaxPerPass = 500;

    /// <summary>Most queued rows read in one pass looking for keys with room; the rest wait for the next pass.</summary>
    private const int MaxScanned = 5_000;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <returns>How many instances were admitted.</returns>
    public async Task<int> AdmitAsync(string workflow, ConsumeContext context)
    {
        var ct = context.CancellationToken;
        var limits = await recorded.GetAsync(workflow, ct);
        var gate = gates.GetOrAdd(workflow, _ => new SemaphoreSlim(1, 1));
        List<WorkflowInstance> admitted;
        await gate.WaitAsync(ct);
        try
        {
            admitted = await AdmitLockedAsync(workflow, limits, ct);
        }
        finally
        {
            gate.Release();
        }
        if (admitted.Count == 0)
            return 0;

        // A backlog let through: bulk work, behind the runs someone is waiting on.
        var executors = await context.GetSendEndpoint(QueueNames.Address(QueueNames.ExecuteInstance));
        foreach (var row in admitted)
        {
            await executors.Send(new ExecuteInstance(row.InstanceId, row.Workflow, row.Generation, row.ParamsJson, row.CreatedAt, row.Dispatch,
                Schedule: ScheduleFiringJson.Deserialize(row.ScheduleJson), TraceParent: row.TraceParent), ct);
        }
        logger.LogDebug("Admitted {Count} queued instance(s) of {Workflow}", admitted.Count, workflow);
        return admitted.Count;
    }

    private async Task<List<WorkflowInstance>> AdmitLockedAsync(string workflow, WorkflowLimits limits, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"admit:" + workflow}))", ct);

        var holding = await db.Instances.AsNoTracking()
            .Where(i => i.Workflow == workflow && i.FlowControlled && InstanceStates.HoldingSlot.Contains(i.CurrentState))
            .GroupBy(i => i.ConcurrencyKey)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var free = Math.Min(MaxPerPass, (limits.MaxConcurrent ?? int.MaxValue) - holding.Sum(h => h.Count));
        if (free <= 0)
            return [];

        var perKey = limits.ConcurrencyKey is null ? null : limits.MaxConcurrentPerKey;
        var keyCounts = holding.Where(h => h.Key is not null).ToDictionary(h => h.Key!, h => h.Count, StringComparer.Ordinal);
        var chosen = new List<WorkflowInstance>();
        for (var scanned = 0; chosen.Count < free && scanned < MaxScanned;)
        {
            var full = perKey is { } cap ? keyCounts.Where(k => k.Value >= cap).Select(k => k.Key).ToList() : [];
            var taken = chosen.Select(c => c.InstanceId).ToList();
            var page = await db.Instances.AsNoTracking()
                .Where(i => i.Workflow == workflow && i.CurrentState == InstanceStates.Queued)
                .Where(i => i.ConcurrencyKey == null || !full.Contains(i.ConcurrencyKey))
                .Where(i => !taken.Contains(i.InstanceId))
                .OrderBy(i => i.Priority).ThenBy(i => i.CreatedAt).ThenBy(i => i.InstanceId)
                .Take(Math.Max(free - chosen.Count, 50))
                .ToListAsync(ct);
            if (page.Count == 0)
                break;
            scanned += page.Count;
            foreach (var row in page.TakeWhile(_ => chosen.Count < free))
            {
                if (perKey is { } limit && row.ConcurrencyKey is { } key)
                {
                    // Two rows of one key in a page: the second waits for the next page's exclusion list.
                    if (keyCounts.GetValueOrDefault(key) >= limit)
                        continue;
                    keyCounts[key] = keyCounts.GetValueOrDefault(key) + 1;
                }
                chosen.Add(row);
            }
        }

        var now = time.GetUtcNow();
        var deadline = now + options.Value.RunDeadline;
        var admitted = new List<WorkflowInstance>(chosen.Count);
        foreach (var row in chosen)
        {
            // Conditional on Queued: a pause or terminate the saga committed meanwhile wins.
            var moved = await db.Instances
                .Where(i => i.CorrelationId == row.CorrelationId && i.CurrentState == InstanceStates.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.CurrentState, InstanceStates.Running)
                    .SetProperty(i => i.StartedAt, now)
                    .SetProperty(i => i.Dispatch, i => i.Dispatch + 1)
                    .SetProperty(i => i.DispatchDeadline, deadline)
                    .SetProperty(i => i.EventPending, false), ct);
            if (moved == 0)
                continue;
            row.Dispatch++;
            admitted.Add(row);
        }
        // Started leaves through the outbox, committed with the move to Running.
        await InstanceEventLog.AddAsync(db, [.. admitted.Select(row => LifecycleMessages.Row(new InstanceStarted(row.InstanceId, row.Workflow, row.Generation, now)))], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return admitted;
    }
}
