namespace Workflows.Client.Models;

/// <summary>The step a restart begins at.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Count">Which occurrence of that name, 1-based (default 1).</param>
public sealed record RestartFrom(string? Name, int? Count);
