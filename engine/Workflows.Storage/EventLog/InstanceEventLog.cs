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
        foreach (var group in rows.GroupBy(r => r.InstanceId, StringComparer.Ordinal))
        {
            var id = group.Key;
            var held = db.ChangeTracker.Entries<InstanceEventRow>()
                .Where(e => e.State == EntityState.Added && e.Entity.InstanceId == id)
                .Select(e => e.Entity.Sequence)
                .DefaultIfEmpty(0)
                .Max();
            var next = Math.Max(committed.GetValueOrDefault(id), held);
            foreach (var row in group)
                row.Sequence = ++next;
            db.InstanceEvents.AddRange(group);
        }
    }

    /// <summary>Appends rows in their own transaction, retrying when a concurrent writer of the instance took the sequence first.</summary>
    public static async Task AppendAsync(IDbContextFactory<WorkflowsDbContext> factory, IReadOnlyList<InstanceEventRow> rows, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await AddAsync(db, rows, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < 20 && (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsSqliteBusy(e)))
            {
                // Lost the race for the sequence: number again from what is committed now.
            }
        }
    }
}
