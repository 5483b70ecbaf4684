namespace Workflows.Runtime;

/// <summary>
/// The limits of an instance's metadata (string keys and values given at create, searched by <c>GET /api/instances</c>):
/// few, short, plain keys, so a filter is one index lookup and a key can travel in a query string as <c>metadata.{key}</c>.
/// </summary>
public static class InstanceMetadata
{
    /// <summary>Most keys one instance may carry.</summary>
    public const int MaxKeys = 16;

    /// <summary>Longest key; a key is 1–64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Longest value.</summary>
    public const int MaxValueLength = 512;

    /// <summary>Why <paramref name="metadata"/> breaks the limits, as a sentence, or null (none is fine).</summary>
    /// <param name="metadata">The keys and values, or null.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? Validate(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null) return null;
        if (metadata.Count > MaxKeys)
            return $"Metadata has {metadata.Count} keys; at most {MaxKeys} are allowed.";
        foreach (var (key, value) in metadata)
        {
            if (ValidateKey(key) is { } badKey)
                return badKey;
            if (value is null)
                return $"Metadata '{key}' is null; values are strings.";
            if (value.Length > MaxValueLength)
                return $"Metadata '{key}' is {value.Length} characters; at most {MaxValueLength} are allowed.";
            if (value.Any(char.IsControl) || HasBrokenSurrogate(value))
                return $"Metadata '{key}' holds a control character or broken Unicode.";
        }
        return null;
    }

    /// <summary>Why <paramref name="key"/> is not a metadata key (1–64 of <c>[A-Za-z0-9_.-]</c>), or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return "A metadata key is empty.";
        if (key.Length > MaxKeyLength)
            return $"The metadata key '{key[..MaxKeyLength]}…' is {key.Length} characters; at most {MaxKeyLength} are allowed.";
        foreach (var c in key)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
                return $"The metadata key '{key}' may hold only A-Z, a-z, 0-9, '_', '.' and '-'.";
        return null;
    }

    private static bool HasBrokenSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }
}
