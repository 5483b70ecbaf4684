namespace Workflows.Webhooks.Delivery;

/// <summary>A delivery refused with <see cref="Status"/>; the message is the problem's detail (none for a 401).</summary>
internal sealed class WebhookRefusal(int status, string? detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? Detail { get; } = detail;

    public TimeSpan? RetryAfter { get; init; }

    public static WebhookRefusal Unauthorized() => new(StatusCodes.Status401Unauthorized, null);
    public static WebhookRefusal BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);
    public static WebhookRefusal NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);
    public static WebhookRefusal Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);
    public static WebhookRefusal TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, detail);
    public static WebhookRefusal UnsupportedMediaType(string detail) => new(StatusCodes.Status415UnsupportedMediaType, detail);

    /// <summary>503 with Retry-After: the hand-over was not confirmed, so the sender must deliver again.</summary>
    public static WebhookRefusal Unavailable(string detail) => new(StatusCodes.Status503ServiceUnavailable, detail) { RetryAfter = TimeSpan.FromSeconds(5) };
}
