namespace Workflows.Executor.Tests.Leases;

/// <summary>The leases the Executor uses on PostgreSQL: one upsert per acquisition.</summary>
public sealed class PostgresInstanceLeasesTests(ExecutorFixture executor) : InstanceLeasesContract, IClassFixture<ExecutorFixture>
{
    protected override IInstanceLeases CreateLeases(TimeProvider time) => new PostgresInstanceLeases(executor.DataSource, time);
}
