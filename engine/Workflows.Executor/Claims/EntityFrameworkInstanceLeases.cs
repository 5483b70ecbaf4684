using Microsoft.EntityFrameworkCore;
using Workflows.Storage;

namespace Workflows.Executor.Claims;

/// <summary>
/// The leases through EF Core, for the DevHost's SQLite file: a conditional update takes an expired or older-generation
/// lease; when no row matched, an insert does, and a unique-key violation means another run holds it. Both steps are
/// atomic on any database, but take two round trips where <see cref="PostgresInstanceLeases"/> takes one.
/// </summary>
public sealed class EntityFrameworkInstanceLeases(IDbContextFactory<WorkflowsDbContext> factory, TimeProvider time) : IInstanceLeases
{
    public async Task<string?> TryAcquireAsync(string instanceId, long generation, TimeSpan duration, CancellationToken ct)
    {
        var owner = IInstanceLeases.NewOwner();
        var now = time.GetUtcNow();
        var expires = now + duration;
        await using var db = await factory.CreateDbContextAsync(ct);
        var taken = await db.InstanceLeases
            .Where(l => l.InstanceId == instanceId && (l.ExpiresAt < now || l.Generation < generation))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresAt, expires).SetProperty(l => l.Generation, generation), ct);
        if (taken == 1)
            return owner;

        db.InstanceLeases.Add(new InstanceLeaseRow { InstanceId = instanceId, Owner = owner, ExpiresAt = expires, Generation = generation });
        try
        {
            await db.SaveChangesAsync(ct);
            return owner;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    public async Task RenewAsync(string instanceId, string owner, TimeSpan duration, CancellationToken ct)
    {
        var expires = time.GetUtcNow() + duration;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.InstanceLeases
            .Where(l => l.InstanceId == instanceId && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), ct);
    }

    public async Task ReleaseAsync(string instanceId, string owner, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.InstanceLeases.Where(l => l.InstanceId == instanceId && l.Owner == owner).ExecuteDeleteAsync(ct);
    }
}
