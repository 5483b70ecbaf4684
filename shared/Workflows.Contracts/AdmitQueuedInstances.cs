namespace Workflows.Contracts;

/// <summary>Command to the Orchestrator's admission: start the queued instances of Workflow that its limits have room for.</summary>
public sealed record AdmitQueuedInstances(string Workflow);
