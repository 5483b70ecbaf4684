using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Executor.Claims;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Storage.History;

namespace Workflows.Executor.Tests.Claims;

/// <summary>The Executor's claims on PostgreSQL: lease, state check and history read in one batch.</summary>
public sealed class PostgresRunClaimsTests(ExecutorFixture executor) : RunClaimsContract, IClassFixture<ExecutorFixture>, IAsyncDisposable
{
    private readonly RunWriteBatcher _batcher = new(executor.DataSource, NullLogger<RunWriteBatcher>.Instance);

    protected override IDbContextFactory<WorkflowsDbContext> Factory => executor.DbContextFactory;

    protected override IHistoryStore History => new PostgresHistoryStore(executor.DataSource);

    protected override (IRunClaims Claims, IInstanceLeases Leases) Create(TimeProvider time)
    {
        var leases = new PostgresInstanceLeases(executor.DataSource, _batcher, time);
        return (leases, leases);
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
