using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Workflows.Api.Http;

/// <summary>Whether a key is one of <see cref="ApiOptions.Keys"/>: the bearer check of <c>/api</c> and the dashboard's login.</summary>
internal sealed class ApiKeyCheck(IOptions<ApiOptions> options)
{
    // Comparing fixed-length hashes in constant time leaks neither a key's content nor its length.
    private readonly byte[][] _keyHashes = [.. options.Value.Keys.Select(Hash)];

    public bool IsValid(string? key) => key is not null && IsValidHash(Hash(key.Trim()));

    /// <summary>Whether <paramref name="hash"/> (see <see cref="Hash"/>) is that of a configured key: a session stays valid only while its key does.</summary>
    public bool IsValidHash(byte[] hash)
    {
        var match = false;
        foreach (var key in _keyHashes)
            match |= CryptographicOperations.FixedTimeEquals(hash, key);
        return match;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
