namespace Workflows.Sdk.Analyzers.Diagrams;

/// <summary>One way through an If, Switch or Try: <c>then</c>, <c>case 1:</c>, <c>catch (TimeoutException)</c>...</summary>
internal sealed class DiagramBranch(string label, List<DiagramNode> children)
{
    public string Label { get; } = label;

    public List<DiagramNode> Children { get; } = children;
}
