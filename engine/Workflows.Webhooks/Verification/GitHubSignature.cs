using System.Text;
using System.Text.Json;

namespace Workflows.Webhooks.Verification;

/// <summary>
/// GitHub's scheme: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>; the delivery id is the
/// <c>X-GitHub-Delivery</c> header. GitHub signs no timestamp, so the replay window does not apply: a replay is caught by
/// the delivery id instead.
/// </summary>
internal sealed class GitHubSignature(IReadOnlyList<string> secrets) : ISignatureScheme
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    private const string Prefix = "sha256=";

    private readonly byte[][] _keys = [.. secrets.Select(Encoding.UTF8.GetBytes)];

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var header = headers[SignatureHeader];
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        if (Hmac.FromHex(value[Prefix.Length..].Trim()) is not { } given)
            return false;
        return Hmac.AnyMatches(_keys, [], body, [given]);
    }

    public string? DeliveryId(IHeaderDictionary headers, JsonElement body) =>
        headers[DeliveryHeader] is { Count: 1 } id && !string.IsNullOrWhiteSpace(id[0]) ? id[0] : null;

    /// <summary>The header value GitHub would send for <paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static string Signature(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Hmac.Sign(Encoding.UTF8.GetBytes(secret), [], body));
}
