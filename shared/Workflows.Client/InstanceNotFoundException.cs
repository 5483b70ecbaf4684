namespace Workflows.Client;

/// <summary>404: no such instance, workflow or route (the detail says which).</summary>
/// <param name="title">The problem's title.</param>
/// <param name="detail">The problem's detail.</param>
/// <param name="type">The problem's type URI.</param>
public sealed class InstanceNotFoundException(string title, string detail, string? type = null)
    : WorkflowsApiException(404, title, detail, type);
