namespace Workflows.Client;

/// <summary>409: the id is in use, or the instance's state does not allow the command (terminating a finished instance, say).</summary>
/// <param name="title">The problem's title.</param>
/// <param name="detail">The problem's detail.</param>
/// <param name="type">The problem's type URI.</param>
public sealed class InstanceConflictException(string title, string detail, string? type = null)
    : WorkflowsApiException(409, title, detail, type);
