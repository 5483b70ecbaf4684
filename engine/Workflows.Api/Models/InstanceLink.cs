namespace Workflows.Api.Models;

/// <summary>Another instance an instance is linked to (its parent, or one of its children), with that instance's status.</summary>
internal sealed record InstanceLink(string Workflow, string Id, string Status);
