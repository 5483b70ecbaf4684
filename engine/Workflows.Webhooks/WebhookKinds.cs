namespace Workflows.Webhooks;

/// <summary>The signature schemes a source can use (<c>Webhooks:Sources:{source}:Kind</c>).</summary>
public static class WebhookKinds
{
    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> over the body; the delivery id is <c>X-GitHub-Delivery</c>.</summary>
    public const string GitHub = "github";

    /// <summary>Stripe: <c>Stripe-Signature: t=…,v1=…</c> over <c>{t}.{body}</c>; the delivery id is the event's <c>id</c>.</summary>
    public const string Stripe = "stripe";

    /// <summary>Standard Webhooks: <c>webhook-signature: v1,&lt;base64&gt;</c> over <c>{id}.{timestamp}.{body}</c>; the delivery id is <c>webhook-id</c>.</summary>
    public const string Standard = "standard";

    /// <summary>Every kind, as configuration accepts them.</summary>
    public static readonly IReadOnlyList<string> All = [GitHub, Stripe, Standard];
}
