namespace Workflows.Runtime;

/// <summary>What a run reports to its instance's event stream (see <see cref="IRunEvents"/>).</summary>
public enum RunEventKind
{
    /// <summary>A step's attempt began.</summary>
    StepStarted,

    /// <summary>A step's attempt succeeded and its result was persisted; the data is the result.</summary>
    StepCompleted,

    /// <summary>A step's attempt failed (retried later, or for good); the data is <c>{ name, message }</c>.</summary>
    StepErrored,

    /// <summary>A sleep's due time was persisted.</summary>
    SleepStarted,

    /// <summary>A sleep's due time passed.</summary>
    SleepCompleted,

    /// <summary>A wait for an event began.</summary>
    WaitStarted,

    /// <summary>A wait took its event; the data is the event.</summary>
    WaitCompleted,

    /// <summary>A wait's deadline passed without an event.</summary>
    WaitTimedOut,

    /// <summary>The workflow called <c>step.ReportProgress</c>; the data is its payload.</summary>
    Progress,
}
