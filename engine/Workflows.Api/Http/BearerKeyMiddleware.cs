namespace Workflows.Api.Http;

/// <summary>Every <c>/api</c> request needs <c>Authorization: Bearer &lt;key&gt;</c> with one of <see cref="ApiOptions.Keys"/>.</summary>
internal sealed class BearerKeyMiddleware(RequestDelegate next, ApiKeyCheck keys)
{
    private const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || IsAuthorized(context.Request.Headers.Authorization))
            return next(context);

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.");
    }

    private bool IsAuthorized(Microsoft.Extensions.Primitives.StringValues header) =>
        header.Count == 1 && header[0] is { } value && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && keys.IsValid(value[Scheme.Length..]);
}
