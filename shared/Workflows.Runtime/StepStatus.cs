namespace Workflows.Runtime;

/// <summary>Where a step stands in the history.</summary>
public enum StepStatus
{
    /// <summary>An attempt is running (kept only in memory: the store sees an attempt's outcome, not its start).</summary>
    Running,

    /// <summary>An attempt failed and the next one is due at <see cref="StepRecord.WakeAt"/>.</summary>
    Retrying,

    /// <summary>A sleep or an event wait that has not finished; <see cref="StepRecord.WakeAt"/> is the due time or the deadline.</summary>
    Waiting,

    /// <summary>Done; <see cref="StepRecord.ResultJson"/> holds the result.</summary>
    Complete,

    /// <summary>Failed for good; <see cref="StepRecord.ErrorName"/> and <see cref="StepRecord.ErrorMessage"/> say why.</summary>
    Errored,

    /// <summary>An event wait whose deadline passed without an event.</summary>
    TimedOut,
}
