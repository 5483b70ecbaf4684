using System.ComponentModel.DataAnnotations;

namespace Workflows.Runtime;

/// <summary>
/// Section <c>Workflows:Limits:{workflow}</c>: overrides of the flow-control limits a workflow's <c>[Workflow]</c> attribute
/// declares (docs/flow-control.md). A value left out keeps the attribute's; 0 turns that limit off.
/// </summary>
public sealed class WorkflowLimitOptions
{
    /// <summary>Most instances running at once; 0 for no limit.</summary>
    [Range(0, 1_000_000)]
    public int? MaxConcurrent { get; set; }

    /// <summary>A JSON pointer into the params (such as <c>/tenantId</c>); empty for none.</summary>
    [MaxLength(WorkflowLimits.MaxConcurrencyKeyLength)]
    public string? ConcurrencyKey { get; set; }

    /// <summary>Most instances with the same concurrency key running at once; 0 for no limit.</summary>
    [Range(0, 1_000_000)]
    public int? MaxConcurrentPerKey { get; set; }
}
