namespace Workflows.Client;

/// <summary>400, 413 or 422: the server refused the request as invalid; the detail names the rule it broke.</summary>
/// <param name="status">400, 413 or 422.</param>
/// <param name="title">The problem's title.</param>
/// <param name="detail">The problem's detail.</param>
/// <param name="type">The problem's type URI.</param>
public sealed class WorkflowsValidationException(int status, string title, string detail, string? type = null)
    : WorkflowsApiException(status, title, detail, type);
