using System.Security.Claims;

namespace Workflows.Api.Http;

/// <summary>
/// Every <c>/api</c> request needs <c>Authorization: Bearer &lt;key&gt;</c> with one of <see cref="ApiOptions.Keys"/>; the
/// request's user is then the key's name, which approvals record as <c>by</c>.
/// </summary>
internal sealed class BearerKeyMiddleware(RequestDelegate next, ApiKeyCheck keys)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
            return next(context);
        if (KeyName(context.Request.Headers.Authorization) is { } name)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Bearer"));
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    private string? KeyName(Microsoft.Extensions.Primitives.StringValues header) =>
        header.Count == 1 && header[0] is { } value && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? keys.NameOf(value[Scheme.Length..])
            : null;
}
