using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Hosting;

namespace Workflows.Storage;

/// <summary>
/// Brings the schema up to date before the service answers or takes work, one migrator at a time: every replica of
/// every service may start at once on an empty database, and the others wait on a PostgreSQL advisory lock until the
/// first is done. When PostgreSQL is unreachable at start the service still starts (its /health says 503) and the
/// migrations are applied as soon as PostgreSQL answers, instead of the process dying with a stack trace.
/// <see cref="DatabaseSchema"/> tells the rest of the process when the schema is up to date.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<WorkflowsDbContext> factory, DatabaseSchema schema, ILogger<DatabaseMigrator> logger)
    : IHostedLifecycleService, ISchemaMigration, IDisposable
{
    // A connection attempt every few seconds costs nothing, and a service started before its database is ready seconds after it.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    // The advisory-lock key ("WFmigr") every migrator takes; a session lock, so a migrator that dies releases it with its connection.
    private const long MigrationLockKey = 0x5746_6D69_6772;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    // Starting runs before any hosted service starts, the web server included: a restarted service answers no request
    // before its schema check, and its consumers start on tables that exist.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            logger.LogWarning("PostgreSQL is not reachable ({Reason}); the migrations will be applied when it answers.", e.Message);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    // The migration Job: the same wait for an unreachable PostgreSQL as a service's start, in the foreground; any other
    // failure (a missing database, no right to create tables) ends it at once, so the Job fails with the reason.
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks)))
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("PostgreSQL is not reachable ({Reason}); retrying in {Delay}.", e.Message, delay);
            }
            await Task.Delay(delay, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null) await _retrying;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stopping)
    {
        for (var delay = TimeSpan.FromSeconds(1); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks)))
        {
            try
            {
                await Task.Delay(delay, stopping);
                await MigrateAsync(stopping);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                logger.LogDebug("PostgreSQL is still not reachable ({Reason}).", e.Message);
            }
            // Nothing else awaits this task until shutdown: an error escaping here would leave /health at 503 without a word.
            catch (Exception e)
            {
                logger.LogError(e, "Applying the migrations failed; retrying.");
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
            schema.MarkReady();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static bool IsUnreachable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
                return true;
        return false;
    }
}
