using Workflows.Storage;

namespace Workflows.Api.Http;

/// <summary>
/// <c>/api</c> answers 503 (with Retry-After) until the database schema is up to date: the server listens before the
/// migrations are applied (every service may start at once on an empty database), and a 500 for a missing table would
/// tell the caller nothing.
/// </summary>
internal sealed class SchemaReadinessMiddleware(RequestDelegate next, DatabaseSchema schema)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (schema.IsReady || !context.Request.Path.StartsWithSegments("/api"))
            return next(context);

        context.Response.Headers.RetryAfter = "1";
        return Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
            "The engine's database is not ready yet (its migrations are being applied, or PostgreSQL is not reachable); try again in a moment.");
    }
}
