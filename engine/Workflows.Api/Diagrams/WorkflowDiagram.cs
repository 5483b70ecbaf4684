namespace Workflows.Api.Diagrams;

/// <summary>A workflow's diagram as the generator in Workflows.Sdk wrote it (schema: docs/diagrams.md).</summary>
internal sealed record WorkflowDiagram(string Class, string? File, IReadOnlyList<DiagramNode> Nodes);
