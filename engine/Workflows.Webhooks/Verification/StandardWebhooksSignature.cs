using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Webhooks.Verification;

/// <summary>
/// The Standard Webhooks scheme (standardwebhooks.com): headers <c>webhook-id</c>, <c>webhook-timestamp</c> (unix
/// seconds, within the tolerance) and <c>webhook-signature</c>, space-separated <c>v1,&lt;base64&gt;</c> entries, each an
/// HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> keyed with the base64 part of the secret <c>whsec_&lt;base64&gt;</c>.
/// Written here rather than with the StandardWebhooks package: that one fixes the window at five minutes and reads the
/// wall clock, so neither <c>Tolerance</c> nor the spec's own example (signed in 2021) could be honoured. Public for the
/// sending side: the Orchestrator signs instances' callbacks with it.
/// </summary>
public sealed class StandardWebhooksSignature(IReadOnlyList<string> secrets, TimeSpan tolerance) : ISignatureScheme
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    private readonly byte[][] _keys = [.. secrets.Select(s => Key(s) ?? throw new ArgumentException("not a whsec_ secret", nameof(secrets)))];

    /// <summary>The HMAC key of a secret (<c>whsec_</c> optional), or null when its base64 is malformed.</summary>
    public static byte[]? Key(string secret) =>
        Hmac.FromBase64(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret) is { Length: > 0 } key ? key : null;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (Single(headers, IdHeader) is not { } id || Single(headers, TimestampHeader) is not { } timestamp
            || Single(headers, SignatureHeader) is not { } header || !Timestamps.WithinTolerance(timestamp, now, tolerance))
            return false;
        var signatures = header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => Hmac.FromBase64(s[3..]))
            .OfType<byte[]>()
            .ToList();
        if (signatures.Count == 0)
            return false;

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        return Hmac.AnyMatches(_keys, prefix, body, signatures);
    }

    public string? DeliveryId(IHeaderDictionary headers, JsonElement body) => Single(headers, IdHeader);

    /// <summary>The <c>webhook-signature</c> value a sender would send.</summary>
    public static string Signature(string secret, string id, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.");
        return "v1," + Convert.ToBase64String(Hmac.Sign(Key(secret) ?? throw new ArgumentException("not a whsec_ secret", nameof(secret)), prefix, body));
    }

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers[name] is { Count: 1 } value && !string.IsNullOrWhiteSpace(value[0]) ? value[0] : null;
}
