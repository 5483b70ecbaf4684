namespace Workflows.Storage;

/// <summary>An event in an instance's inbox; consumed by at most one wait step.</summary>
public sealed class EventRow
{
    /// <summary>Arrival order.</summary>
    public long Sequence { get; set; }
    public required string InstanceId { get; set; }

    /// <summary>The sender's id; a second event with the same (instance, id) is a duplicate.</summary>
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public string? PayloadJson { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public long? ConsumedGeneration { get; set; }
    public string? ConsumedByStep { get; set; }
}
