namespace Workflows.Api.Models;

/// <summary>A lifecycle command the Orchestrator accepted; Status is the instance's status after it.</summary>
internal sealed record CommandAccepted(string Status);
