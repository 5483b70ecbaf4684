using System.Text.Json.Serialization;

namespace Workflows.Webhooks.Models;

/// <summary>The 202 answer to a delivery.</summary>
/// <param name="DeliveryId">The sender's delivery id.</param>
/// <param name="Action">One of <see cref="WebhookActions"/>.</param>
/// <param name="InstanceId">The instance started or sent the event; absent when ignored.</param>
public sealed record WebhookAccepted(
    string DeliveryId,
    string Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstanceId);
