using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Storage;

/// <summary>
/// Creates the SQLite schema when the file is new. The migrations are PostgreSQL's, so SQLite gets <c>EnsureCreated</c>:
/// an existing file is used as it is (after a schema change, delete it). The write-ahead log lets readers run beside the writer.
/// The file holds every payload, so it and its journals are owner-only (0600) and a folder created for it is 0700.
/// It runs while the host is starting, before any hosted service starts (the web server among them): a request that
/// arrived before the schema existed was answered 500 ("no such table").
/// </summary>
internal sealed class SqliteDatabaseCreator(IDbContextFactory<WorkflowsDbContext> factory, DatabaseSchema schema, ILogger<SqliteDatabaseCreator> logger)
    : IHostedLifecycleService
{
    // SQLite gives its -wal, -shm and -journal files the database file's mode; these are for files an earlier version left.
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    // Starting runs before any hosted service starts, the web server included: no request reaches a file without its tables.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var file = DatabaseFile(db.Database.GetConnectionString());
        if (file is not null)
        {
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(file)!);
            OwnerOnlyFiles.CreateFile(file);
        }
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
            logger.LogInformation("Created the SQLite database {DataSource}", db.Database.GetDbConnection().DataSource);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        if (file is not null)
            foreach (var suffix in Companions)
                OwnerOnlyFiles.Restrict(file + suffix);
        schema.MarkReady();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The database's file, or null for an in-memory database or a URI file name.</summary>
    private static string? DatabaseFile(string? connectionString)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString);
        var source = settings.DataSource;
        if (settings.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return null;
        return Path.GetFullPath(source);
    }
}
