using System.Net.Http.Headers;
using System.Text.Json;

namespace Workflows.Client.Http;

/// <summary>Turns an error answer into the typed exception for its status, with the problem's title, detail and type.</summary>
internal static class ProblemReader
{
    public static WorkflowsApiException ToException(int status, string? reasonPhrase, string? body, RetryConditionHeaderValue? retryAfter)
    {
        string? title = null, detail = null, type = null;
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                (title, detail, type) = (String(document.RootElement, "title"), String(document.RootElement, "detail"), String(document.RootElement, "type"));
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page, say): the status alone is all there is.
        }
        title ??= reasonPhrase ?? "Error";
        detail = OneLine(detail ?? title);
        return status switch
        {
            404 => new InstanceNotFoundException(title, detail, type),
            409 => new InstanceConflictException(title, detail, type),
            400 or 413 or 422 => new WorkflowsValidationException(status, title, detail, type),
            429 => new WorkflowsRateLimitedException(title, detail, RetryAfter(retryAfter), type),
            _ => new WorkflowsApiException(status, title, detail, type),
        };
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
