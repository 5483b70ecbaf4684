using Microsoft.EntityFrameworkCore;
using Workflows.Persistence;

namespace Workflows.Executor.Hosting;

/// <summary>
/// The leases through EF Core, for the DevHost's SQLite file: a conditional update takes a free, expired or own lease;
/// when no row matched, an insert does, and a unique-key violation means another owner holds it. Both steps are atomic
/// on any database, so this is correct on PostgreSQL too, but takes two round trips where <see cref="PostgresInstanceLeases"/> takes one.
/// </summary>
public sealed class EntityFrameworkInstanceLeases(IDbContextFactory<WorkflowsDbContext> factory, TimeProvider time) : IInstanceLeases
{
    public string Owner { get; } = IInstanceLeases.NewOwner();

    public async Task<bool> TryAcquireAsync(string instanceId, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + duration;
        await using var db = await factory.CreateDbContextAsync(ct);
        var taken = await db.InstanceLeases
            .Where(l => l.InstanceId == instanceId && (l.ExpiresAt < now || l.Owner == Owner))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, Owner).SetProperty(l => l.ExpiresAt, expires), ct);
        if (taken == 1)
            return true;

        db.InstanceLeases.Add(new InstanceLeaseRow { InstanceId = instanceId, Owner = Owner, ExpiresAt = expires });
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

    public async Task RenewAsync(string instanceId, TimeSpan duration, CancellationToken ct)
    {
        var expires = time.GetUtcNow() + duration;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.InstanceLeases
            .Where(l => l.InstanceId == instanceId && l.Owner == Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), ct);
    }

    public async Task ReleaseAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.InstanceLeases.Where(l => l.InstanceId == instanceId && l.Owner == Owner).ExecuteDeleteAsync(ct);
    }
}
