using Workflows.Runtime;

namespace Workflows.Api.Http;

/// <summary>A request the API refuses; <see cref="ApiExceptionHandler"/> turns it into a problem+json response.</summary>
internal sealed class ProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    /// <summary>When to try again (429, 503): sent as the Retry-After header in whole seconds.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad Request", detail);
    public static ProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not Found", detail);
    public static ProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ProblemException TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "Content Too Large", detail);
    public static ProblemException Unavailable(string detail) => new(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", detail);

    /// <summary>An input rule the request broke: 413 for a size limit, else 400.</summary>
    public static ProblemException From(InputProblem problem) =>
        problem.Kind == InputProblemKind.TooLarge ? TooLarge(problem.Message) : BadRequest(problem.Message);
}
