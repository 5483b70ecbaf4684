namespace Workflows.Client;

/// <summary>
/// The Api answered with an error status (its problem+json body gives <see cref="Title"/>, <see cref="Detail"/> and
/// <see cref="Type"/>), or with a body this client cannot read. <see cref="Exception.Message"/> is the detail, on one line.
/// </summary>
public class WorkflowsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="title">The problem's title, or the status's reason phrase.</param>
    /// <param name="detail">The problem's detail.</param>
    /// <param name="type">The problem's type URI, when the body had one.</param>
    public WorkflowsApiException(int status, string title, string detail, string? type = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Type = type;
    }

    /// <summary>The HTTP status (a 2xx when the answer was successful but unreadable).</summary>
    public int Status { get; }

    /// <summary>The problem's title ("Not Found"), or the reason phrase.</summary>
    public string Title { get; }

    /// <summary>What went wrong, as the server put it.</summary>
    public string Detail { get; }

    /// <summary>The problem's type URI.</summary>
    public string? Type { get; }

    /// <summary>The typed exception for an error answer of the Api (or of anything in front of it), read from its problem+json body.</summary>
    /// <param name="response">The answer, not successful.</param>
    /// <param name="ct">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<WorkflowsApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A charset .NET does not know.
            body = null;
        }
        return Http.ProblemReader.ToException((int)response.StatusCode, response.ReasonPhrase, body, response.Headers.RetryAfter);
    }
}
