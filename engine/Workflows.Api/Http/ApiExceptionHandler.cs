using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Workflows.Api.Http;

/// <summary>Turns refusals (<see cref="ProblemException"/>) and malformed requests into problem+json; anything else is a 500 without internals.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ProblemException problem:
                if (problem.RetryAfter is { } after)
                    httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.WriteAsync(httpContext, problem.Status, problem.Title, problem.Message);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; there is no one to answer.
                return true;
            case BadHttpRequestException bad:
                // Kestrel's own refusals of a body (malformed chunks, too slow, too large) carry their status.
                await Problems.WriteAsync(httpContext, bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), bad.Message);
                return true;
            default:
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                await Problems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "Internal Server Error",
                    "The server failed to handle the request; the error is logged.");
                return true;
        }
    }
}
