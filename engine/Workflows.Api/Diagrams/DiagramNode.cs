namespace Workflows.Api.Diagrams;

/// <summary>
/// One node of a diagram: a step, a group (<see cref="Children"/>) or a choice (<see cref="Branches"/>); a DAG node
/// (<c>dag.Do</c>) names the nodes it waits for in <see cref="DependsOn"/>.
/// </summary>
internal sealed record DiagramNode(
    string Kind,
    string? Name,
    string? NameKind,
    string? Label,
    int Line,
    int EndLine,
    IReadOnlyList<DiagramNode>? Children,
    IReadOnlyList<DiagramBranch>? Branches,
    IReadOnlyList<string>? DependsOn = null)
{
    /// <summary>The step name as written: a constant as is, an interpolated name as <c>$"item-{i}"</c>.</summary>
    public string? WrittenName => NameKind switch
    {
        DiagramNameKinds.Interpolated => $"$\"{Name}\"",
        _ => Name,
    };

    /// <summary>The one line a renderer shows for a node that is not a group.</summary>
    public string Caption => Kind switch
    {
        DiagramKinds.Start => "start",
        DiagramKinds.End => "end",
        DiagramKinds.StepDo => $"step.Do {WrittenName}",
        DiagramKinds.StepSleep => $"step.Sleep {WrittenName}",
        DiagramKinds.StepSleepUntil => $"step.SleepUntil {WrittenName}",
        DiagramKinds.StepWaitForEvent => $"step.WaitForEvent {WrittenName}",
        DiagramKinds.StepInvoke => $"step.Invoke {WrittenName}",
        DiagramKinds.Loop => Label ?? "loop",
        DiagramKinds.Parallel => $"parallel ({Label})",
        DiagramKinds.FunctionCall => $"{Name}()",
        DiagramKinds.If => $"if ({Label})",
        DiagramKinds.Switch => $"switch ({Label})",
        DiagramKinds.Try => "try",
        DiagramKinds.Return => Label is null ? "return" : $"return {Label}",
        DiagramKinds.Throw => Label is null ? "throw" : $"throw {Label}",
        _ => Kind,
    };
}
