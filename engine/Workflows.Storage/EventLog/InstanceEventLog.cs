using Microsoft.EntityFrameworkCore;

namespace Workflows.Storage.EventLog;

/// <summary>
/// Appends to instances' event logs. Each row gets the next sequence of its instance (the highest committed one, plus
/// the rows this context already holds for it); the unique (instance id, sequence) key makes a concurrent writer of the
/// same instance fail with a unique violation and retry, so an instance's sequences are committed in order, without gaps.
/// </summary>
public static class InstanceEventLog
{
    /// <summary>Numbers and adds the rows to <paramref name="db"/>; they are written by the caller's SaveChanges (with its other changes).</summary>
    public static async Task AddAsync(WorkflowsDbContext db, IReadOnlyList<InstanceEventRow> rows, CancellationToken ct)
    {
        // One query for every instance of the rows (a batch create numbers hundreds of new instances at once).
        var ids = rows.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        var committed = await db.InstanceEvents.Where(e => ids.Contains(e.InstanceId))
            .GroupBy(e => e.InstanceId)
            .Select(g => new { InstanceId = g.Key, Sequence = g.Max(e => e.Sequence) })
            .ToDictionaryAsync(x => x.InstanceId, x => x.Sequence, StringComparer.Ordinal, ct);
        var held = HeldSequences(db);
        foreach (var group in rows.GroupBy(r => r.InstanceId, StringComparer.Ordinal))
        {
            var next = Math.Max(committed.GetValueOrDefault(group.Key), held.GetValueOrDefault(group.Key));
            foreach (var row in group)
                row.Sequence = ++next;
            db.InstanceEvents.AddRange(group);
        }
    }

    /// <summary>
    /// The highest sequence of each instance among the rows the context already holds (added, not yet saved). Added
    /// entries are known without DetectChanges, which would scan every tracked entity (hundreds in a batch create).
    /// </summary>
    private static Dictionary<string, long> HeldSequences(WorkflowsDbContext db)
    {
        var tracker = db.ChangeTracker;
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<InstanceEventRow>()
                .Where(e => e.State == EntityState.Added)
                .GroupBy(e => e.Entity.InstanceId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(e => e.Entity.Sequence), StringComparer.Ordinal);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private const int Attempts = 30;

    /// <summary>
    /// Appends rows in their own transaction, retrying when a concurrent writer of the instance took the sequence first.
    /// A writer that lost waits a random few milliseconds (up to 64) before it numbers again: without the pause, a writer
    /// descheduled between its read and its insert (a loaded machine) lost to the same busy writers every time.
    /// </summary>
    public static async Task AppendAsync(IDbContextFactory<WorkflowsDbContext> factory, IReadOnlyList<InstanceEventRow> rows, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                await AddAsync(db, rows, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                    return;
                }
                catch (DbUpdateException e) when (attempt < Attempts && (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsSqliteBusy(e)))
                {
                    // Lost the race for the sequence: number again from what is committed now, after a pause.
                }
            }
            await Task.Delay(Random.Shared.Next(1, 1 + Math.Min(1 << attempt, 64)), ct);
        }
    }
}
