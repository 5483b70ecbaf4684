using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Cli.Webhooks;

/// <summary>
/// Signs a delivery as its sender would (the sender's side of the schemes in docs/webhooks.md; the service verifies):
/// GitHub's <c>X-Hub-Signature-256</c>, Stripe's <c>Stripe-Signature</c>, Standard Webhooks' <c>webhook-*</c> headers.
/// </summary>
internal static class WebhookSigner
{
    public const string GitHub = "github";
    public const string Stripe = "stripe";
    public const string Standard = "standard";

    public static readonly IReadOnlyList<string> Kinds = [GitHub, Stripe, Standard];

    /// <summary>The headers of one delivery of <paramref name="body"/>; <paramref name="deliveryId"/> is GitHub's or Standard Webhooks' id (Stripe's is in the body).</summary>
    public static Dictionary<string, string> Headers(string kind, string secret, byte[] body, string? githubEvent, string deliveryId, DateTimeOffset now)
    {
        var unix = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            GitHub => new()
            {
                ["X-GitHub-Event"] = githubEvent ?? throw CliException.Usage("A GitHub delivery needs --event (the X-GitHub-Event header, such as issues)."),
                ["X-GitHub-Delivery"] = deliveryId,
                ["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(Sign(Encoding.UTF8.GetBytes(secret), "", body)),
            },
            Stripe => new() { ["Stripe-Signature"] = $"t={unix},v1={Convert.ToHexStringLower(Sign(Encoding.UTF8.GetBytes(secret), unix + ".", body))}" },
            Standard => new()
            {
                ["webhook-id"] = deliveryId,
                ["webhook-timestamp"] = unix,
                ["webhook-signature"] = "v1," + Convert.ToBase64String(Sign(StandardKey(secret), $"{deliveryId}.{unix}.", body)),
            },
            _ => throw CliException.Usage($"Unknown webhook kind '{kind}': use one of {string.Join(", ", Kinds)}."),
        };
    }

    private static byte[] Sign(byte[] key, string prefix, byte[] body)
    {
        using var hmac = new HMACSHA256(key);
        hmac.TransformBlock(Encoding.UTF8.GetBytes(prefix), 0, Encoding.UTF8.GetByteCount(prefix), null, 0);
        hmac.TransformFinalBlock(body, 0, body.Length);
        return hmac.Hash!;
    }

    private static byte[] StandardKey(string secret)
    {
        try
        {
            return Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        }
        catch (FormatException)
        {
            throw CliException.Usage("A Standard Webhooks secret is 'whsec_' followed by base64.");
        }
    }
}
