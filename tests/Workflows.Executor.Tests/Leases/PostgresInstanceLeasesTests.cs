using Workflows.Executor.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Storage.History;

namespace Workflows.Executor.Tests.Leases;

/// <summary>The leases the Executor uses on PostgreSQL: one upsert per acquisition, releases committed in groups.</summary>
public sealed class PostgresInstanceLeasesTests(ExecutorFixture executor) : InstanceLeasesContract, IClassFixture<ExecutorFixture>, IAsyncDisposable
{
    private readonly RunWriteBatcher batcher = new(executor.DataSource, NullLogger<RunWriteBatcher>.Instance);

    protected override IInstanceLeases CreateLeases(TimeProvider time) => new PostgresInstanceLeases(executor.DataSource, batcher, time);

    public ValueTask DisposeAsync() => batcher.DisposeAsync();
}
