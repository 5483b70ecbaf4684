using Workflows.Persistence.History;
using Workflows.Runtime;

namespace Workflows.Persistence.Tests.History;

/// <summary>The store contract on real PostgreSQL, through the tables the migrations create.</summary>
public sealed class PostgresHistoryStoreTests(MigratedDatabase database) : HistoryStoreContract, IClassFixture<MigratedDatabase>
{
    protected override IHistoryStore Store { get; } = new PostgresHistoryStore(database.DataSource);
}
