using System.Security.Cryptography;
using System.Text;

namespace Workflows.Runtime;

/// <summary>Instance ids: validation and the deterministic saga correlation id.</summary>
public static class InstanceIds
{
    public const int MaxLength = 100;

    /// <summary>The saga CorrelationId of an instance id: the first 16 bytes of its SHA-256, as a version-8 GUID.</summary>
    public static Guid Correlation(string instanceId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(instanceId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>1–100 chars of [A-Za-z0-9_-], first not '-'. Returns the problem, or null when valid.</summary>
    public static string? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "the instance id is empty";
        if (id.Length > MaxLength) return $"the instance id is {id.Length} characters; at most {MaxLength} are allowed";
        if (id[0] == '-') return "the instance id must not start with '-'";
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return $"the instance id may hold only A-Z, a-z, 0-9, '_' and '-' (found '{c}')";
        return null;
    }

    /// <summary>A new id for an instance created without one.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
