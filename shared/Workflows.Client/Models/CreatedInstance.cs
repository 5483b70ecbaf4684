namespace Workflows.Client.Models;

/// <summary>An instance the Orchestrator accepted.</summary>
/// <param name="Id">The instance's id (the given one, or the generated one).</param>
/// <param name="Status">Its status once created.</param>
public sealed record CreatedInstance(string Id, string Status);
