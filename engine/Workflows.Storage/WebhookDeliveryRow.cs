namespace Workflows.Storage;

/// <summary>
/// A webhook delivery the Webhooks service has acted on: a redelivery of (source, delivery id) within the retention
/// window answers <c>duplicate</c> without acting again. Purged after <c>Webhooks:Retention</c>.
/// </summary>
public sealed class WebhookDeliveryRow
{
    /// <summary>The configured source the delivery came through (<c>Webhooks:Sources:{source}</c>).</summary>
    public required string Source { get; set; }

    /// <summary>The sender's id of the delivery (<c>X-GitHub-Delivery</c>, the Stripe event's id, <c>webhook-id</c>).</summary>
    public required string DeliveryId { get; set; }

    /// <summary>When it was first acted on; the retention window counts from here.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What was done: <c>started</c> or <c>event</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The instance started or sent the event.</summary>
    public string? InstanceId { get; set; }
}
