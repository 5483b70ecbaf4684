namespace Workflows.Webhooks;

/// <summary>A route's event (<c>Routes:{i}:Event</c>): an event of <see cref="Type"/>, payload = the body, to the instance <see cref="InstanceId"/> names.</summary>
public sealed class WebhookEventOptions
{
    /// <summary>The event type.</summary>
    public string? Type { get; set; }

    /// <summary>The template of the receiving instance's id (<c>{/data/object/metadata/instance}</c>).</summary>
    public string? InstanceId { get; set; }
}
