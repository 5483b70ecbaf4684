namespace Workflows.Webhooks;

/// <summary>A route's start (<c>Routes:{i}:Start</c>): an instance of <see cref="Workflow"/> with the body as params.</summary>
public sealed class WebhookStartOptions
{
    /// <summary>The workflow to start.</summary>
    public string? Workflow { get; set; }

    /// <summary>The instance id template (<c>gh-{header:X-GitHub-Delivery}</c>, <c>order-{/data/object/id}</c>); without it the id comes from the delivery id.</summary>
    public string? Id { get; set; }
}
