namespace Workflows.Client.Models;

/// <summary>Body of a restart: from the start, or from a step.</summary>
/// <param name="From">The step to restart from; null for the start.</param>
public sealed record RestartRequest(RestartFrom? From);
