using Microsoft.EntityFrameworkCore;
using Workflows.Executor.Claims;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.History;

namespace Workflows.Executor.Tests.Claims;

/// <summary>The embedded Executor's claims, on the DevHost's SQLite file.</summary>
public sealed class EntityFrameworkRunClaimsTests(EmbeddedDatabaseFixture database) : RunClaimsContract, IClassFixture<EmbeddedDatabaseFixture>
{
    protected override IDbContextFactory<WorkflowsDbContext> Factory => database.DbContextFactory;

    protected override IHistoryStore History => new EntityFrameworkHistoryStore(database.DbContextFactory);

    protected override (IRunClaims Claims, IInstanceLeases Leases) Create(TimeProvider time)
    {
        var leases = new EntityFrameworkInstanceLeases(database.DbContextFactory, time);
        return (new EntityFrameworkRunClaims(leases, database.DbContextFactory, History), leases);
    }
}
