namespace Workflows.Cli.Models;

/// <summary>A lifecycle command the engine accepted, with the instance's status after it.</summary>
internal sealed record CommandAccepted(string Status);
