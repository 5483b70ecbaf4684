namespace Workflows.Webhooks;

/// <summary>A route (<c>Routes:{i}</c>): when every <see cref="Match"/> holds, start an instance or send an event.</summary>
public sealed class WebhookRouteOptions
{
    /// <summary>The conditions; all must hold (none: every delivery matches).</summary>
    public List<WebhookMatchOptions> Match { get; set; } = [];

    /// <summary>Start an instance; or <see cref="Event"/>.</summary>
    public WebhookStartOptions? Start { get; set; }

    /// <summary>Send an event; or <see cref="Start"/>.</summary>
    public WebhookEventOptions? Event { get; set; }
}
