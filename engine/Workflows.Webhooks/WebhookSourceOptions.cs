namespace Workflows.Webhooks;

/// <summary>A webhook source (<c>Webhooks:Sources:{source}</c>), answering <c>POST /webhooks/{source}</c>.</summary>
public sealed class WebhookSourceOptions
{
    /// <summary>The signature scheme, one of <see cref="WebhookKinds"/>.</summary>
    public string? Kind { get; set; }

    /// <summary>One or more secrets; any one verifies (rotation).</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>How far a signed timestamp may be from now (Stripe, Standard Webhooks).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The routes, tried in order; the first that matches acts.</summary>
    public List<WebhookRouteOptions> Routes { get; set; } = [];
}
