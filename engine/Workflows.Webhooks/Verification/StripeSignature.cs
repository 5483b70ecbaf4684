using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflows.Webhooks.Verification;

/// <summary>
/// Stripe's scheme: <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…]</c>, each <c>v1</c> an
/// HMAC-SHA256 of <c>{t}.{body}</c> keyed with the endpoint secret as text (<c>whsec_…</c> included); <c>t</c> within the
/// tolerance of now. The delivery id is the event's <c>id</c>.
/// </summary>
internal sealed class StripeSignature(IReadOnlyList<string> secrets, TimeSpan tolerance) : ISignatureScheme
{
    public const string SignatureHeader = "Stripe-Signature";

    private readonly byte[][] _keys = [.. secrets.Select(Encoding.UTF8.GetBytes)];

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var header = headers[SignatureHeader];
        if (header.Count != 1 || header[0] is not { } value)
            return false;
        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                continue;
            var (name, text) = (item[..eq], item[(eq + 1)..]);
            if (name == "t")
                timestamp = text;
            else if (name == "v1" && Hmac.FromHex(text) is { } signature)
                signatures.Add(signature);
        }
        if (!Timestamps.WithinTolerance(timestamp, now, tolerance) || signatures.Count == 0)
            return false;

        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        return Hmac.AnyMatches(_keys, prefix, body, signatures);
    }

    public string? DeliveryId(IHeaderDictionary headers, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(id.GetString())
            ? id.GetString()
            : null;

    /// <summary>The header value Stripe would send for <paramref name="body"/> at <paramref name="at"/>.</summary>
    public static string Signature(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Hmac.Sign(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "."), body))}";
    }
}
