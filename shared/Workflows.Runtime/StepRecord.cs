namespace Workflows.Runtime;

/// <summary>One step's persisted state, keyed by (instance id, generation, <see cref="Key"/>).</summary>
public sealed record StepRecord
{
    /// <summary>The step key (<see cref="StepKey"/>): <c>name#occurrence</c>, such as <c>charge card#1</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The step name.</summary>
    public required string Name { get; init; }

    /// <summary>1 for the first use of <see cref="Name"/> in a run, 2 for the second, and so on.</summary>
    public required int Occurrence { get; init; }

    /// <summary>The order in which the step was first reached (1-based); restart-from-step keeps the steps before.</summary>
    public required int Sequence { get; init; }

    /// <summary>The step call that produced the record.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Where the step stands.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>Attempts made so far whose outcome was persisted.</summary>
    public int Attempts { get; init; }

    /// <summary>When the step was first reached.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the step finished (completed, failed for good or timed out).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The result as JSON (web defaults, camelCase) when complete.</summary>
    public string? ResultJson { get; init; }

    /// <summary>The last error's type name, such as <c>InvalidOperationException</c>.</summary>
    public string? ErrorName { get; init; }

    /// <summary>The last error's message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A sleep's due time, the next retry's time, or an event wait's deadline.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>The event type an event wait waits for.</summary>
    public string? EventType { get; init; }

    /// <summary>Thread CPU time of the step's attempts so far (see <see cref="WorkflowDiagnostics.StepCpuTimeInstrument"/>); null when not measured.</summary>
    public TimeSpan? CpuTime { get; init; }
}
