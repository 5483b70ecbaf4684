using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflows.Storage.Tests.EventLog;

/// <summary>The event log contract on the embedded default: a SQLite file created as the embedded engine creates it.</summary>
public sealed class SqliteInstanceEventLogTests : InstanceEventLogContract, IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"workflows-log-{Guid.NewGuid():N}.db");

    public SqliteInstanceEventLogTests()
    {
        var options = new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite($"Data Source={file};Default Timeout=30").Options;
        Factory = new PooledDbContextFactory<WorkflowsDbContext>(options);
        using var db = Factory.CreateDbContext();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    protected override IDbContextFactory<WorkflowsDbContext> Factory { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(file + suffix);
    }
}
