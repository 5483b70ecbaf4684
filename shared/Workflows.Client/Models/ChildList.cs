namespace Workflows.Client.Models;

/// <summary>The children an instance started with <c>step.Invoke</c>, oldest first.</summary>
/// <param name="Children">The children, oldest first.</param>
public sealed record ChildList(IReadOnlyList<InstanceLink> Children);
