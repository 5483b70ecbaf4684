namespace Workflows.Api.Diagrams;

/// <summary>One way through an If, Switch or Try.</summary>
internal sealed record DiagramBranch(string Label, IReadOnlyList<DiagramNode> Children);
