namespace Workflows.Client.Models;

/// <summary>A lifecycle command the Orchestrator accepted.</summary>
/// <param name="Status">The instance's status after it (one of <c>Workflows.Contracts.InstanceStatuses</c>).</param>
public sealed record CommandAccepted(string Status);
