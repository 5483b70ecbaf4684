namespace Workflows.Client.Models;

/// <summary>Another instance an instance is linked to (its parent, or one of its children), with that instance's status.</summary>
/// <param name="Workflow">The linked instance's workflow.</param>
/// <param name="Id">The linked instance's id.</param>
/// <param name="Status">The linked instance's status.</param>
public sealed record InstanceLink(string Workflow, string Id, string Status);
