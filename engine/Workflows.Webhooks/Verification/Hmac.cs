using System.Security.Cryptography;

namespace Workflows.Webhooks.Verification;

/// <summary>HMAC-SHA256 over a prefix and the raw body, compared in constant time.</summary>
internal static class Hmac
{
    /// <summary>HMAC-SHA256 of <paramref name="prefix"/> followed by <paramref name="body"/>, without copying the body.</summary>
    public static byte[] Sign(byte[] key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>Whether <paramref name="given"/> equals <paramref name="expected"/>; the time taken does not depend on where they differ.</summary>
    public static bool Same(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> given) =>
        CryptographicOperations.FixedTimeEquals(expected, given);

    /// <summary>
    /// Whether any of the <paramref name="given"/> signatures is the HMAC of prefix + body under any of the configured
    /// <paramref name="keys"/> (secret rotation: each key is tried, every comparison runs, none stops early).
    /// </summary>
    public static bool AnyMatches(IEnumerable<byte[]> keys, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> given)
    {
        var match = false;
        foreach (var key in keys)
        {
            var expected = Sign(key, prefix, body);
            foreach (var signature in given)
                match |= Same(expected, signature);
        }
        return match;
    }

    /// <summary>Lower- or upper-case hex, or null when it is not hex.</summary>
    public static byte[]? FromHex(string text)
    {
        try
        {
            return text.Length % 2 == 0 ? Convert.FromHexString(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Base64, or null when it is not.</summary>
    public static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
