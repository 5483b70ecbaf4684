namespace Workflows.Sdk.Analyzers.Diagrams;

/// <summary>One node of a workflow diagram, as docs/diagrams.md describes it.</summary>
internal sealed class DiagramNode(string kind, int line, int endLine)
{
    public string Kind { get; } = kind;

    public int Line { get; } = line;

    public int EndLine { get; } = endLine;

    public string? Name { get; set; }

    /// <summary><c>constant</c>, <c>interpolated</c> or <c>expression</c>: how the step name is written.</summary>
    public string? NameKind { get; set; }

    public string? Label { get; set; }

    /// <summary>The names of the nodes a DAG node (<c>dag.Do</c>) waits for; null when it has none or they are unknown.</summary>
    public List<string>? DependsOn { get; set; }

    /// <summary>The nodes inside a Loop, Parallel or FunctionCall (null for the other kinds).</summary>
    public List<DiagramNode>? Children { get; set; }

    /// <summary>The branches of an If, Switch or Try (null for the other kinds).</summary>
    public List<DiagramBranch>? Branches { get; set; }

    /// <summary>Whether a group holds anything worth drawing (an <c>if</c> without steps or returns is left out).</summary>
    public bool IsEmptyGroup =>
        (Children is not null && Children.Count == 0 && Branches is null)
        || (Branches is not null && Branches.TrueForAll(b => b.Children.Count == 0));

    public void WriteTo(JsonText json)
    {
        json.BeginObject();
        json.Property("kind", Kind);
        if (Name is not null)
            json.Property("name", Name);
        if (NameKind is not null)
            json.Property("nameKind", NameKind);
        if (Label is not null)
            json.Property("label", Label);
        if (DependsOn is not null)
        {
            json.Name("dependsOn");
            json.BeginArray();
            foreach (var dependency in DependsOn)
                json.Value(dependency);
            json.EndArray();
        }
        json.Property("line", Line);
        json.Property("endLine", EndLine);
        if (Children is not null)
        {
            json.Name("children");
            WriteAll(json, Children);
        }
        if (Branches is not null)
        {
            json.Name("branches");
            json.BeginArray();
            foreach (var branch in Branches)
            {
                json.BeginObject();
                json.Property("label", branch.Label);
                json.Name("children");
                WriteAll(json, branch.Children);
                json.EndObject();
            }
            json.EndArray();
        }
        json.EndObject();
    }

    public static void WriteAll(JsonText json, List<DiagramNode> nodes)
    {
        json.BeginArray();
        foreach (var node in nodes)
            node.WriteTo(json);
        json.EndArray();
    }
}
