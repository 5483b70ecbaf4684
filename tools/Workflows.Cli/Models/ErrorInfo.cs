namespace Workflows.Cli.Models;

/// <summary>Why an instance or a step failed.</summary>
internal sealed record ErrorInfo(string Name, string Message);
