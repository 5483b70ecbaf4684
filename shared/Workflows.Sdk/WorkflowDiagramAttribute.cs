using System.ComponentModel;
using System.Reflection;

namespace Workflows.Sdk;

/// <summary>
/// The diagram of a workflow's code, as JSON (docs/diagrams.md). Written at build time by the generator that ships with
/// this package (Workflows.Sdk.Analyzers), one per workflow class; the Executor publishes it with its catalog.
/// </summary>
/// <param name="workflowType">The workflow class.</param>
/// <param name="json">The diagram: <c>{ "class", "file", "nodes" }</c>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkflowDiagramAttribute(Type workflowType, string json) : Attribute
{
    /// <summary>The workflow class.</summary>
    public Type WorkflowType { get; } = workflowType;

    /// <summary>The diagram as JSON.</summary>
    public string Json { get; } = json;

    /// <summary>The diagram generated for a workflow class, or null when its assembly was built without the generator.</summary>
    /// <param name="workflowType">The workflow class.</param>
    /// <returns>The diagram JSON, or null.</returns>
    public static string? Find(Type workflowType)
    {
        ArgumentNullException.ThrowIfNull(workflowType);
        return workflowType.Assembly.GetCustomAttributes<WorkflowDiagramAttribute>()
            .FirstOrDefault(a => a.WorkflowType == workflowType)?.Json;
    }
}
