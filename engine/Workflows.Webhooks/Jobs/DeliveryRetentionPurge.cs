using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Storage;

namespace Workflows.Webhooks.Jobs;

/// <summary>Deletes delivery records older than <see cref="WebhooksOptions.Retention"/>, hourly; every replica may run it, a delete is idempotent.</summary>
internal sealed class DeliveryRetentionPurge(
    IDbContextFactory<WorkflowsDbContext> dbs, DatabaseSchema schema, IOptions<WebhooksOptions> options, TimeProvider time,
    ILogger<DeliveryRetentionPurge> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitUntilReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - options.Value.Retention;
                await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                var purged = await db.WebhookDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (purged > 0)
                    logger.LogInformation("Purged {Count} webhook delivery records older than {Cutoff:u}", purged, cutoff);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Purging old webhook delivery records failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
