namespace Workflows.Sdk;

/// <summary>
/// Thrown by <see cref="IWorkflowStep.WaitForEvent{T}"/> when no event arrived before the timeout;
/// catch it to handle the timeout. It is thrown again, with the same message, on every replay.
/// </summary>
public class WorkflowTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowTimeoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    public WorkflowTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a named step.</summary>
    /// <param name="stepName">The wait step that timed out.</param>
    /// <param name="message">The error message.</param>
    public WorkflowTimeoutException(string stepName, string message)
        : base(message) => StepName = stepName;

    /// <summary>The wait step that timed out, when known.</summary>
    public string? StepName { get; }
}
