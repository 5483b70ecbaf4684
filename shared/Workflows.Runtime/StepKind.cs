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
}
