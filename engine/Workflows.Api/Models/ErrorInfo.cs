namespace Workflows.Api.Models;

/// <summary>Why an instance or a step failed: the exception's type name and message.</summary>
internal sealed record ErrorInfo(string Name, string Message);
