using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Runtime;

namespace Workflows.Executor.Hosting;

/// <summary>Records the workflows this Executor runs (at start, then every minute), so the Api can list them and accept instances for them.</summary>
public sealed class WorkflowCatalogPublisher(WorkflowRegistry registry, NpgsqlDataSource dataSource, TimeProvider time, ILogger<WorkflowCatalogPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await PublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Could not record the registered workflows; retrying");
            }
        }
        while (await Delay(stoppingToken));
    }

    public async Task PublishAsync(CancellationToken ct)
    {
        var names = registry.All.Select(r => r.Name).ToArray();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO workflows.workflow_definitions (name, first_seen_at, last_seen_at)
            SELECT n, $2, $2 FROM unnest($1::text[]) AS n
            ON CONFLICT (name) DO UPDATE SET last_seen_at = excluded.last_seen_at
            """);
        command.Parameters.Add(new() { Value = names });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> Delay(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Interval, time, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
