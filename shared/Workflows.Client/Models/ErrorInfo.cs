namespace Workflows.Client.Models;

/// <summary>Why an instance or a step failed.</summary>
/// <param name="Name">The exception's type name.</param>
/// <param name="Message">The exception's message.</param>
public sealed record ErrorInfo(string Name, string Message);
