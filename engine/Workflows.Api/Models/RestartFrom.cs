namespace Workflows.Api.Models;

/// <summary>The step a restart begins at: its name and which occurrence of it (1-based, default 1).</summary>
internal sealed record RestartFrom(string? Name, int? Count);
