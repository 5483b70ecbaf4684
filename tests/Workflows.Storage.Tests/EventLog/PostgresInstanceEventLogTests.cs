using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workflows.Storage.Tests.History;

namespace Workflows.Storage.Tests.EventLog;

/// <summary>The event log contract on real PostgreSQL, through the tables the migrations create.</summary>
public sealed class PostgresInstanceEventLogTests(MigratedDatabase database) : InstanceEventLogContract, IClassFixture<MigratedDatabase>
{
    protected override IDbContextFactory<WorkflowsDbContext> Factory { get; } = new PooledDbContextFactory<WorkflowsDbContext>(
        (DbContextOptions<WorkflowsDbContext>)StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), database.DataSource).Options);
}
