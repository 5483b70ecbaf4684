using Workflows.Webhooks.Verification;

namespace Workflows.Orchestrator.Callbacks;

/// <summary>The sending side of Standard Webhooks, on the same scheme the Webhooks part verifies (<see cref="StandardWebhooksSignature"/>).</summary>
public static class CallbackSignature
{
    public const string IdHeader = StandardWebhooksSignature.IdHeader;
    public const string TimestampHeader = StandardWebhooksSignature.TimestampHeader;
    public const string SignatureHeader = StandardWebhooksSignature.SignatureHeader;
    public const string SecretPrefix = StandardWebhooksSignature.SecretPrefix;

    public static byte[]? Key(string secret) => StandardWebhooksSignature.Key(secret);

    /// <summary>The <c>webhook-signature</c> value: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string id, DateTimeOffset at, ReadOnlySpan<byte> body) =>
        StandardWebhooksSignature.Signature(secret, id, at, body);
}
