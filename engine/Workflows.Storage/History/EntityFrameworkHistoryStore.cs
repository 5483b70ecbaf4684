using Microsoft.EntityFrameworkCore;
using Workflows.Runtime;

namespace Workflows.Storage.History;

/// <summary>
/// The step history and event inboxes through EF Core, for the DevHost's SQLite file (where a transaction takes the
/// database's single write lock at its start, so read-then-write is safe). PostgreSQL uses <see cref="PostgresHistoryStore"/>:
/// one upsert statement per step outcome instead of a read and a write.
/// </summary>
public sealed class EntityFrameworkHistoryStore(IDbContextFactory<WorkflowsDbContext> factory) : IHistoryStore
{
    public async Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Steps.AsNoTracking()
            .Where(s => s.InstanceId == instanceId && s.Generation == generation)
            .OrderBy(s => s.Sequence)
            .ToListAsync(ct);
        return [.. rows.Select(ToRecord)];
    }

    public async Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await UpsertAsync(db, instanceId, generation, step, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Events.Add(new EventRow
        {
            InstanceId = evt.InstanceId,
            EventId = evt.EventId,
            Type = evt.Type,
            PayloadJson = string.IsNullOrWhiteSpace(evt.PayloadJson) ? "null" : evt.PayloadJson,
            Timestamp = evt.Timestamp.ToUniversalTime(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(waitingStep);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.Events
            .Where(e => e.InstanceId == instanceId && e.Type == (waitingStep.EventType ?? "") && e.ConsumedByStep == null)
            .OrderBy(e => e.Sequence)
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;

        row.ConsumedGeneration = generation;
        row.ConsumedByStep = waitingStep.Key;
        var evt = new InboxEvent(instanceId, row.EventId, row.Type, row.PayloadJson ?? "null", row.Timestamp);
        await UpsertAsync(db, instanceId, generation, waitingStep with { Status = StepStatus.Complete, EndedAt = now, ResultJson = evt.ToResultJson() }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return evt;
    }

    public async Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var from = await db.Steps.AsNoTracking()
            .Where(s => s.InstanceId == instanceId && s.Generation == fromGeneration && s.Key == fromStepKey)
            .Select(s => (int?)s.Sequence)
            .SingleOrDefaultAsync(ct)
            ?? throw new KeyNotFoundException($"Instance '{instanceId}' generation {fromGeneration} has no step '{fromStepKey}'.");

        var existing = await db.Steps.Where(s => s.InstanceId == instanceId && s.Generation == toGeneration).Select(s => s.Key).ToListAsync(ct);
        var copies = await db.Steps.AsNoTracking()
            .Where(s => s.InstanceId == instanceId && s.Generation == fromGeneration && s.Sequence < from && !existing.Contains(s.Key))
            .ToListAsync(ct);
        foreach (var copy in copies)
            copy.Generation = toGeneration;
        db.Steps.AddRange(copies);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return copies.Count;
    }

    private static async Task UpsertAsync(WorkflowsDbContext db, string instanceId, long generation, StepRecord step, CancellationToken ct)
    {
        var row = await db.Steps.SingleOrDefaultAsync(s => s.InstanceId == instanceId && s.Generation == generation && s.Key == step.Key, ct);
        if (row is null)
        {
            row = new StepRow { InstanceId = instanceId, Generation = generation, Key = step.Key, Name = step.Name, Kind = "", Status = "" };
            db.Steps.Add(row);
        }
        row.Name = step.Name;
        row.Occurrence = step.Occurrence;
        row.Sequence = step.Sequence;
        row.Kind = step.Kind.ToString();
        row.Status = step.Status.ToString();
        row.Attempts = step.Attempts;
        row.StartedAt = step.StartedAt?.ToUniversalTime();
        row.EndedAt = step.EndedAt?.ToUniversalTime();
        row.ResultJson = step.ResultJson;
        row.ErrorName = step.ErrorName;
        row.ErrorMessage = step.ErrorMessage;
        row.WakeAt = step.WakeAt?.ToUniversalTime();
        row.EventType = step.EventType;
        row.CpuTimeMs = step.CpuTime?.TotalMilliseconds;
    }

    private static StepRecord ToRecord(StepRow r) => new()
    {
        Key = r.Key,
        Name = r.Name,
        Occurrence = r.Occurrence,
        Sequence = r.Sequence,
        Kind = Enum.Parse<StepKind>(r.Kind),
        Status = Enum.Parse<StepStatus>(r.Status),
        Attempts = r.Attempts,
        StartedAt = r.StartedAt,
        EndedAt = r.EndedAt,
        ResultJson = r.ResultJson,
        ErrorName = r.ErrorName,
        ErrorMessage = r.ErrorMessage,
        WakeAt = r.WakeAt,
        EventType = r.EventType,
        CpuTime = r.CpuTimeMs is { } cpu ? TimeSpan.FromMilliseconds(cpu) : null,
    };
}
