using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Storage;
using Workflows.Storage.EventLog;

namespace Workflows.Orchestrator.Outbox;

/// <summary>
/// On PostgreSQL the relay sleeps until a commit of relay-pending events notifies <see cref="OutboxChannel.Name"/>
/// (LISTEN on one connection of its own), so an idle Orchestrator does not poll, and the first event after a quiet
/// spell leaves at once. A notification sent while the connection was down is not replayed: every (re)connection wakes
/// the relay once, and <see cref="OrchestratorOptions.OutboxBackstopInterval"/> bounds a wait in any case.
/// </summary>
public sealed class PostgresOutboxWakeups(
    NpgsqlDataSource dataSource,
    DatabaseSchema schema,
    IOptions<OrchestratorOptions> options,
    ILogger<PostgresOutboxWakeups> logger) : BackgroundService, IOutboxWakeups
{
    private readonly SemaphoreSlim _notified = new(0, 1);

    public async Task WaitAsync(CancellationToken ct) => await _notified.WaitAsync(options.Value.OutboxBackstopInterval, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The trigger comes with the migrations.
        await schema.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxChannel.Name}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // What was committed before LISTEN took effect announced itself to no one.
                Wake();
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for outbox notifications failed; the relay polls every {Interval} until it listens again",
                    options.Value.OutboxBackstopInterval);
                Wake();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _notified.Dispose();
        base.Dispose();
    }

    private void Wake()
    {
        if (_notified.CurrentCount > 0)
            return;
        try
        {
            _notified.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another notification woke it first: one pass serves both.
        }
    }
}
