namespace Workflows.Api.Models;

/// <summary>The children an instance started with <c>step.Invoke</c>, oldest first.</summary>
internal sealed record ChildList(IReadOnlyList<InstanceLink> Children);
