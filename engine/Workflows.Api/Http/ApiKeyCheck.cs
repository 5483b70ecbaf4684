using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Workflows.Api.Http;

/// <summary>Whether a key is one of <see cref="ApiOptions.Keys"/>, and its name: the bearer check of <c>/api</c> and the dashboard's login.</summary>
internal sealed class ApiKeyCheck(IOptions<ApiOptions> options)
{
    // Comparing fixed-length hashes in constant time leaks neither a key's content nor its length.
    private readonly (string Name, byte[] Hash)[] _keys = [.. options.Value.KeysByName().Select(k => (k.Name, Hash(k.Key)))];

    public bool IsValid(string? key) => NameOf(key) is not null;

    /// <summary>The configured name of <paramref name="key"/> (<see cref="ApiOptions.NamedKeys"/>), or null when it is no key.</summary>
    public string? NameOf(string? key) => key is null ? null : NameOfHash(Hash(key.Trim()));

    /// <summary>Whether <paramref name="hash"/> (see <see cref="Hash"/>) is that of a configured key: a session stays valid only while its key does.</summary>
    public bool IsValidHash(byte[] hash) => NameOfHash(hash) is not null;

    /// <summary>The name of the key whose hash is <paramref name="hash"/>, or null; every key is compared, so the time tells nothing.</summary>
    public string? NameOfHash(byte[] hash)
    {
        string? name = null;
        foreach (var key in _keys)
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
                name ??= key.Name;
        return name;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
