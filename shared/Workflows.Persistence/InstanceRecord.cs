namespace Workflows.Persistence;

/// <summary>One workflow instance: what was asked for, where it stands and how it ended.</summary>
public sealed class InstanceRecord
{
    public required string Id { get; set; }
    public required string Workflow { get; set; }
    public required string Status { get; set; }
    public int Generation { get; set; }
    public string? ParamsJson { get; set; }
    public string? OutputJson { get; set; }
    public string? ErrorName { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
