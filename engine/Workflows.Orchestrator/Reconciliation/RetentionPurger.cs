using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Orchestrator.Reconciliation;

/// <summary>Deletes finished instances, their steps, their events and their event log once their retention has passed.</summary>
public sealed class RetentionPurger(
    IDbContextFactory<WorkflowsDbContext> factory,
    DatabaseSchema schema,
    IOptions<OrchestratorOptions> options,
    TimeProvider time,
    ILogger<RetentionPurger> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until some migrator is done the tables may not exist: a pass now would only log their absence.
        await schema.WaitUntilReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Retention < Interval ? options.Value.Retention : Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await PurgeOnceAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} finished instance(s) past retention", purged);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Retention purge failed");
            }
        }
    }

    /// <summary>Deletes up to 1,000 finished instances past retention with their steps, events and metadata, in one transaction.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var gone = await db.Instances.AsNoTracking()
            .Where(i => i.RetainUntil < now)
            .Take(1000)
            .Select(i => i.InstanceId)
            .ToListAsync(ct);
        if (gone.Count == 0)
            return 0;
        // Re-checked: a restart may have revived one since it was selected; its history stays with it.
        var purged = await db.Instances.Where(i => gone.Contains(i.InstanceId) && i.RetainUntil < now).ExecuteDeleteAsync(ct);
        await db.Steps.Where(s => gone.Contains(s.InstanceId) && !db.Instances.Any(i => i.InstanceId == s.InstanceId)).ExecuteDeleteAsync(ct);
        await db.Events.Where(e => gone.Contains(e.InstanceId) && !db.Instances.Any(i => i.InstanceId == e.InstanceId)).ExecuteDeleteAsync(ct);
        await db.InstanceMetadata.Where(m => gone.Contains(m.InstanceId) && !db.Instances.Any(i => i.InstanceId == m.InstanceId)).ExecuteDeleteAsync(ct);
        // The event log goes with its instance; rows the relay has not published yet stay until it has.
        await db.InstanceEvents.Where(e => gone.Contains(e.InstanceId) && !e.RelayPending && !db.Instances.Any(i => i.InstanceId == e.InstanceId)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return purged;
    }
}
