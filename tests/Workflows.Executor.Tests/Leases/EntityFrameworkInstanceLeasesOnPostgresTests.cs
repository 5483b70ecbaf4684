using Workflows.Executor.Claims;
namespace Workflows.Executor.Tests.Leases;

/// <summary>The EF Core leases are written for any provider: they keep the same rules on PostgreSQL.</summary>
public sealed class EntityFrameworkInstanceLeasesOnPostgresTests(ExecutorFixture executor) : InstanceLeasesContract, IClassFixture<ExecutorFixture>
{
    protected override IInstanceLeases CreateLeases(TimeProvider time) => new EntityFrameworkInstanceLeases(executor.DbContextFactory, time);
}
