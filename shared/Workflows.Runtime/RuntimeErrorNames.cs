namespace Workflows.Runtime;

/// <summary>Error names the engine itself gives, next to exception type names.</summary>
public static class RuntimeErrorNames
{
    /// <summary>No workflow with the instance's name is registered in this process.</summary>
    public const string UnknownWorkflow = "UnknownWorkflow";

    /// <summary>The params are not valid JSON for the workflow's params type.</summary>
    public const string InvalidParams = "InvalidParams";

    /// <summary>Params, a step result or an output is bigger than its limit.</summary>
    public const string PayloadTooLarge = "PayloadTooLarge";

    /// <summary>The instance tried to use more steps than <see cref="WorkflowRuntimeOptions.MaxSteps"/>.</summary>
    public const string StepLimitExceeded = "StepLimitExceeded";

    /// <summary>A step key replayed as a different kind of step: the workflow code is not deterministic.</summary>
    public const string NonDeterministicWorkflow = "NonDeterministicWorkflow";

    /// <summary>An attempt ran longer than its step's timeout (the step token fired).</summary>
    public const string StepTimeout = "TimeoutException";

    /// <summary>A child instance awaited by <c>step.Invoke</c> was terminated.</summary>
    public const string ChildTerminated = "ChildTerminated";

    /// <summary>The engine refused to create the child instance of a <c>step.Invoke</c> (its input breaks a rule).</summary>
    public const string ChildRejected = "ChildRejected";

    /// <summary>This process cannot start child instances (no <see cref="IChildWorkflowStarter"/> is registered).</summary>
    public const string ChildWorkflowsUnavailable = "ChildWorkflowsUnavailable";
}
