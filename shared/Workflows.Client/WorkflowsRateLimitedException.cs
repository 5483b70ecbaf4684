namespace Workflows.Client;

/// <summary>429: too many requests (a creation rate limit, say); try again after <see cref="RetryAfter"/>.</summary>
/// <param name="title">The problem's title.</param>
/// <param name="detail">The problem's detail.</param>
/// <param name="retryAfter">The server's Retry-After, when it sent one.</param>
/// <param name="type">The problem's type URI.</param>
public sealed class WorkflowsRateLimitedException(string title, string detail, TimeSpan? retryAfter, string? type = null)
    : WorkflowsApiException(429, title, detail, type)
{
    /// <summary>How long the server asks to wait before the next try.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
