using Microsoft.AspNetCore.Diagnostics;

namespace Workflows.Api.Http;

/// <summary>Turns refusals (<see cref="ProblemException"/>) and malformed requests into problem+json; anything else is a 500 without internals.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ProblemException problem:
                await Problems.WriteAsync(httpContext, problem.Status, problem.Title, problem.Message);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; there is no one to answer.
                return true;
            case BadHttpRequestException bad:
                await Problems.WriteAsync(httpContext, bad.StatusCode, "Bad Request", bad.Message);
                return true;
            default:
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                await Problems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "Internal Server Error",
                    "The server failed to handle the request; the error is logged.");
                return true;
        }
    }
}
