using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Workflows.Api.Http;

/// <summary>Every <c>/api</c> request needs <c>Authorization: Bearer &lt;key&gt;</c> with one of <see cref="ApiOptions.Keys"/>.</summary>
internal sealed class BearerKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    private const string Scheme = "Bearer ";

    // Comparing fixed-length hashes in constant time leaks neither a key's content nor its length.
    private readonly byte[][] _keyHashes = [.. options.Value.Keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || IsAuthorized(context.Request.Headers.Authorization))
            return next(context);

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    private bool IsAuthorized(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(value[Scheme.Length..].Trim()));
        var match = false;
        foreach (var key in _keyHashes)
            match |= CryptographicOperations.FixedTimeEquals(given, key);
        return match;
    }
}
