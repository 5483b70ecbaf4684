using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Persistence;

namespace Workflows.Orchestrator.Reconciliation;

/// <summary>Deletes finished instances, their steps and their events once their retention has passed.</summary>
public sealed class RetentionPurger(
    IDbContextFactory<WorkflowsDbContext> factory,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    ILogger<RetentionPurger> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Retention < Interval ? options.Value.Retention : Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await PurgeOnceAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} finished instance(s) past retention", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Retention purge failed");
            }
        }
    }

    public async Task<int> PurgeOnceAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var purged = await db.Database.SqlQuery<int>($"""
            WITH gone AS (
                DELETE FROM workflows.instances
                WHERE correlation_id IN (SELECT correlation_id FROM workflows.instances WHERE retain_until < {time.GetUtcNow()} LIMIT 1000)
                RETURNING instance_id),
            steps AS (DELETE FROM workflows.steps WHERE instance_id IN (SELECT instance_id FROM gone)),
            events AS (DELETE FROM workflows.events WHERE instance_id IN (SELECT instance_id FROM gone))
            SELECT count(*)::int AS "Value" FROM gone
            """).ToListAsync(ct);
        return purged.Single();
    }
}
