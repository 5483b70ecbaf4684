using System.Text;

namespace Workflows.Api.Diagrams;

/// <summary>
/// A diagram as a Mermaid flowchart: steps as nodes in order, loops, parallel joins and function calls as subgraphs,
/// if/switch/try as a decision whose branches carry their labels; returns lead to the end. A DAG node is reached from
/// the nodes it depends on instead of from the node before it.
/// </summary>
internal sealed class MermaidRenderer
{
    private readonly StringBuilder text = new();
    private readonly Stack<List<string>> returns = new();
    private readonly Dictionary<string, string> stepIds = new(StringComparer.Ordinal);
    private int next;

    public static string Render(WorkflowDiagram diagram)
    {
        var renderer = new MermaidRenderer();
        renderer.text.Append("flowchart TD\n");
        renderer.returns.Push([]);
        renderer.Sequence(diagram.Nodes, 1);
        return renderer.text.ToString();
    }

    /// <summary>Draws nodes one after the other; returns the first node's id and the edges that leave the last.</summary>
    private (string? Entry, List<(string Id, string? Label)> Exits) Sequence(IReadOnlyList<DiagramNode> nodes, int depth)
    {
        string? first = null;
        List<(string Id, string? Label)> tails = [];
        foreach (var node in nodes)
        {
            var dependencies = DependencyIds(node);
            var (entry, exits) = Node(node, depth);
            foreach (var (id, label) in dependencies ?? tails)
                Edge(id, entry, label, depth);
            first ??= entry;
            tails = exits;
        }
        return (first, tails);
    }

    /// <summary>The drawn nodes a DAG node depends on; null when it has none or one is not drawn yet (then it follows the node before it).</summary>
    private List<(string Id, string? Label)>? DependencyIds(DiagramNode node)
    {
        if (node.DependsOn is not { Count: > 0 } names)
            return null;
        var ids = new List<(string Id, string? Label)>();
        foreach (var name in names)
        {
            if (!stepIds.TryGetValue(name, out var id))
                return null;
            ids.Add((id, null));
        }
        return ids;
    }

    private (string Entry, List<(string Id, string? Label)> Exits) Node(DiagramNode node, int depth)
    {
        var id = $"n{next++}";
        if (node is { Kind: DiagramKinds.StepDo, Name: { } name })
            stepIds[name] = id;
        switch (node.Kind)
        {
            case DiagramKinds.Loop or DiagramKinds.FunctionCall:
                Line(depth, $"subgraph {id}[\"{Escape(node.Caption)}\"]");
                if (node.Kind == DiagramKinds.FunctionCall)
                    returns.Push([]);
                Sequence(node.Children ?? [], depth + 1);
                if (node.Kind == DiagramKinds.FunctionCall)
                    returns.Pop();
                Line(depth, "end");
                return (id, [(id, null)]);
            case DiagramKinds.Parallel:
                Line(depth, $"subgraph {id}[\"{Escape(node.Caption)}\"]");
                foreach (var child in node.Children ?? [])
                    Node(child, depth + 1);
                Line(depth, "end");
                return (id, [(id, null)]);
            case DiagramKinds.If or DiagramKinds.Switch or DiagramKinds.Try:
                Line(depth, node.Kind == DiagramKinds.Try ? $"{id}[[\"{Escape(node.Caption)}\"]]" : $"{id}{{\"{Escape(node.Caption)}\"}}");
                var exits = new List<(string Id, string? Label)>();
                foreach (var branch in node.Branches ?? [])
                {
                    var (entry, branchExits) = Sequence(branch.Children, depth);
                    if (entry is null)
                    {
                        exits.Add((id, branch.Label));
                        continue;
                    }
                    Edge(id, entry, branch.Label, depth);
                    exits.AddRange(branchExits);
                }
                // An if without else, or a switch without default, can also go straight on.
                if (node.Kind == DiagramKinds.If && node.Branches?.Count == 1)
                    exits.Add((id, "else"));
                return (id, exits);
            case DiagramKinds.Return or DiagramKinds.Throw:
                Line(depth, $"{id}[/\"{Escape(node.Caption)}\"/]");
                if (node.Kind == DiagramKinds.Return)
                    returns.Peek().Add(id);
                return (id, []);
            case DiagramKinds.End:
                Line(depth, $"{id}([\"end\"])");
                foreach (var from in returns.Peek())
                    Edge(from, id, null, depth);
                return (id, []);
            default:
                Line(depth, node.Kind switch
                {
                    DiagramKinds.Start => $"{id}([\"start\"])",
                    DiagramKinds.StepSleep or DiagramKinds.StepSleepUntil => $"{id}([\"{Escape(node.Caption)}\"])",
                    DiagramKinds.StepWaitForEvent => $"{id}{{{{\"{Escape(node.Caption)}\"}}}}",
                    DiagramKinds.StepInvoke => $"{id}[[\"{Escape(node.Caption)}\"]]",
                    _ => $"{id}[\"{Escape(node.Caption)}\"]",
                });
                return (id, [(id, null)]);
        }
    }

    private void Edge(string from, string to, string? label, int depth) =>
        Line(depth, label is null ? $"{from} --> {to}" : $"{from} -->|\"{Escape(label)}\"| {to}");

    private void Line(int depth, string line) => text.Append(' ', depth * 4).Append(line).Append('\n');

    // Mermaid's entity codes: a quote, <, > or # in a label would end it or be read as markup.
    private static string Escape(string label) =>
        label.Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
}
