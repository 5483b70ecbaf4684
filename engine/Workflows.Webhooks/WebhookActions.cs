namespace Workflows.Webhooks;

/// <summary>What the service did with a delivery: the <c>action</c> of its 202 answer.</summary>
public static class WebhookActions
{
    /// <summary>An instance was started (its id is the answer's <c>instanceId</c>).</summary>
    public const string Started = "started";

    /// <summary>An event was sent to the instance <c>instanceId</c>.</summary>
    public const string Event = "event";

    /// <summary>No route matched; nothing was done.</summary>
    public const string Ignored = "ignored";

    /// <summary>The delivery was acted on before; nothing was done again.</summary>
    public const string Duplicate = "duplicate";
}
