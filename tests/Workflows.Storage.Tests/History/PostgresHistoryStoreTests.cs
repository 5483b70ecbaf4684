using Workflows.Storage.History;
using Workflows.Runtime;

namespace Workflows.Storage.Tests.History;

/// <summary>The store contract on real PostgreSQL, through the tables the migrations create.</summary>
public sealed class PostgresHistoryStoreTests(MigratedDatabase database) : HistoryStoreContract, IClassFixture<MigratedDatabase>
{
    protected override IHistoryStore Store { get; } = new PostgresHistoryStore(database.DataSource);
}
