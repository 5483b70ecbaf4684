namespace Workflows.Runtime;

/// <summary>Which step call produced a step record.</summary>
public enum StepKind
{
    /// <summary><c>step.Do</c>.</summary>
    Do,

    /// <summary><c>step.Sleep</c>.</summary>
    Sleep,

    /// <summary><c>step.SleepUntil</c>.</summary>
    SleepUntil,

    /// <summary><c>step.WaitForEvent</c>.</summary>
    WaitForEvent,

    /// <summary>The rollback of a completed <c>step.Do</c>, named after its step.</summary>
    Rollback,

    /// <summary><c>step.Invoke</c>: a child instance started and awaited.</summary>
    Invoke,
}
