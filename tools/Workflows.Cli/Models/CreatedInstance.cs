namespace Workflows.Cli.Models;

/// <summary>The answer to a create: the instance's id and status.</summary>
internal sealed record CreatedInstance(string Id, string Status);
