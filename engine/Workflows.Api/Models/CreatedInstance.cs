namespace Workflows.Api.Models;

/// <summary>An instance the Orchestrator accepted.</summary>
internal sealed record CreatedInstance(string Id, string Status);
