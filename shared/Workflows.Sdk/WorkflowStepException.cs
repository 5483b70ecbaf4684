namespace Workflows.Sdk;

/// <summary>
/// What a step call throws when the step failed for good (retries exhausted, a
/// <see cref="NonRetryableException"/>, or a limit). It carries the last error's type name and
/// message, and is thrown identically on the first run and on every replay.
/// </summary>
public class WorkflowStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowStepException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    public WorkflowStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed step.</summary>
    /// <param name="stepName">The step that failed.</param>
    /// <param name="errorName">The last error's type name, such as "InvalidOperationException".</param>
    /// <param name="message">The last error's message.</param>
    public WorkflowStepException(string stepName, string errorName, string message)
        : base(message)
    {
        StepName = stepName;
        ErrorName = errorName;
    }

    /// <summary>The step that failed.</summary>
    public string StepName { get; } = "";

    /// <summary>The last error's type name, such as "InvalidOperationException" or "NonRetryableException".</summary>
    public string ErrorName { get; } = nameof(WorkflowStepException);
}
