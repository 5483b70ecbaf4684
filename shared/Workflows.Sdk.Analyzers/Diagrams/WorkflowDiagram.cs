namespace Workflows.Sdk.Analyzers.Diagrams;

/// <summary>What the generator keeps per workflow class: equatable, so unchanged workflows are not emitted again.</summary>
internal sealed class WorkflowDiagram(string typeName, string json) : IEquatable<WorkflowDiagram>
{
    public string TypeName { get; } = typeName;

    public string Json { get; } = json;

    public bool Equals(WorkflowDiagram? other) => other is not null && other.TypeName == TypeName && other.Json == Json;

    public override bool Equals(object? obj) => Equals(obj as WorkflowDiagram);

    public override int GetHashCode() => (TypeName.GetHashCode() * 31) + Json.GetHashCode();
}
