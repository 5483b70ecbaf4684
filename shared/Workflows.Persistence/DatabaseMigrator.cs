using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Persistence;

/// <summary>
/// Brings the schema up to date before the service takes work (EF Core's migration lock makes concurrent starts safe).
/// While PostgreSQL is unreachable it waits and tries again, so a service started before its database still comes up.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<WorkflowsDbContext> factory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count == 0) return;
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                logger.LogWarning("PostgreSQL is not reachable ({Message}); trying the migrations again in {Delay}", e.Message, delay);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
