using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Runtime;
using Workflows.Storage.History;

namespace Workflows.Storage.Tests.History;

/// <summary>The history contract through the Executor's group commit on PostgreSQL.</summary>
public sealed class BatchedHistoryStoreTests(MigratedDatabase database) : HistoryStoreContract, IClassFixture<MigratedDatabase>, IAsyncDisposable
{
    private readonly RunWriteBatcher _batcher = new(database.DataSource, NullLogger<RunWriteBatcher>.Instance);

    protected override IHistoryStore Store => new BatchedHistoryStore(new PostgresHistoryStore(database.DataSource), _batcher);

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
