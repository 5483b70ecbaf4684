namespace Workflows.Storage;

/// <summary>One step of one generation of an instance (the engine's StepRecord as a row).</summary>
public sealed class StepRow
{
    public required string InstanceId { get; set; }
    public long Generation { get; set; }

    /// <summary><c>name#occurrence</c>.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int Occurrence { get; set; }
    public int Sequence { get; set; }

    /// <summary>Do, Sleep, SleepUntil or WaitForEvent.</summary>
    public required string Kind { get; set; }

    /// <summary>Running, Retrying, Waiting, Complete, Errored or TimedOut.</summary>
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? ResultJson { get; set; }
    public string? ErrorName { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset? WakeAt { get; set; }
    public string? EventType { get; set; }

    /// <summary>Thread CPU time of the step's attempts, in milliseconds; null when not measured.</summary>
    public double? CpuTimeMs { get; set; }
}
