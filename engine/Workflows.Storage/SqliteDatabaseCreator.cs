using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Storage;

/// <summary>
/// Creates the SQLite schema when the file is new. The migrations are PostgreSQL's, so SQLite gets <c>EnsureCreated</c>:
/// an existing file is used as it is (after a schema change, delete it). The write-ahead log lets readers run beside the writer.
/// </summary>
internal sealed class SqliteDatabaseCreator(IDbContextFactory<WorkflowsDbContext> factory, DatabaseSchema schema, ILogger<SqliteDatabaseCreator> logger)
    : IHostedLifecycleService
{
    // Starting runs before any hosted service starts, the web server included: no request reaches a file without its tables.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Database.EnsureCreatedAsync(cancellationToken))
            logger.LogInformation("Created the SQLite database {DataSource}", db.Database.GetDbConnection().DataSource);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        schema.MarkReady();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
