using Microsoft.EntityFrameworkCore;
using Workflows.Storage;

namespace Workflows.Webhooks.Delivery;

/// <summary>The deliveries acted on (<see cref="WebhookDeliveryRow"/>): the fast answer to a redelivery, and the tie-breaker between concurrent copies.</summary>
internal sealed class DeliveryLog(IDbContextFactory<WorkflowsDbContext> dbs, TimeProvider time, ILogger<DeliveryLog> logger)
{
    /// <summary>The earlier record of this delivery, or null.</summary>
    public async Task<WebhookDeliveryRow?> FindAsync(string source, string deliveryId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Source == source && d.DeliveryId == deliveryId, ct);
    }

    /// <summary>
    /// Records that the delivery was acted on; false when another copy recorded it first. A failure to record is logged
    /// and counted as recorded: the action is already durable and idempotent, the record only makes a redelivery cheaper.
    /// </summary>
    public async Task<bool> RecordAsync(string source, string deliveryId, string action, string? instanceId, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            db.WebhookDeliveries.Add(new WebhookDeliveryRow
            {
                Source = source,
                DeliveryId = deliveryId,
                Action = action,
                InstanceId = instanceId,
                ReceivedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return false;
        }
        catch (Exception e) when (e is DbUpdateException || DatabaseErrors.IsTransient(e))
        {
            logger.LogWarning(e, "Webhook delivery {Source}/{DeliveryId} was acted on ({Action}) but not recorded; a redelivery is still a no-op", source, deliveryId, action);
            return true;
        }
    }
}
