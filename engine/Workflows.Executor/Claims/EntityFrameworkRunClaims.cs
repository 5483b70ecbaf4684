using Microsoft.EntityFrameworkCore;
using Workflows.Runtime;
using Workflows.Storage;

namespace Workflows.Executor.Claims;

/// <summary>
/// The embedded Executor's claims (SQLite): the lease, then the instance's state, then the history, one after another;
/// a stale delivery gives its lease back at once. <see cref="PostgresInstanceLeases"/> does the same in one round trip.
/// </summary>
public sealed class EntityFrameworkRunClaims(IInstanceLeases leases, IDbContextFactory<WorkflowsDbContext> factory, IHistoryStore store) : IRunClaims
{
    public async Task<RunClaim?> TryClaimAsync(string instanceId, long generation, TimeSpan leaseDuration, CancellationToken ct)
    {
        var owner = await leases.TryAcquireAsync(instanceId, generation, leaseDuration, ct);
        if (owner is null)
            return null;
        string? state;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            state = await db.Instances.AsNoTracking()
                .Where(i => i.InstanceId == instanceId && i.Generation == generation)
                .Select(i => i.CurrentState)
                .SingleOrDefaultAsync(ct);
        }
        if (state is not (InstanceStates.Running or InstanceStates.WaitingForPause))
        {
            await leases.ReleaseAsync(instanceId, owner, CancellationToken.None);
            return null;
        }
        return new RunClaim(owner, state, await store.LoadStepsAsync(instanceId, generation, ct));
    }
}
