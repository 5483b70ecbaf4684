using Workflows.Executor.Claims;
namespace Workflows.Executor.Tests.Leases;

/// <summary>The leases the embedded default uses, on its SQLite file.</summary>
public sealed class EntityFrameworkInstanceLeasesOnSqliteTests(EmbeddedDatabaseFixture database) : InstanceLeasesContract, IClassFixture<EmbeddedDatabaseFixture>
{
    protected override IInstanceLeases CreateLeases(TimeProvider time) => new EntityFrameworkInstanceLeases(database.DbContextFactory, time);
}
