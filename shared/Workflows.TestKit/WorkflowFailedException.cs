namespace Workflows.TestKit;

/// <summary>Thrown by <see cref="WorkflowTestEnvironment.ExecuteAsync{TWorkflow, TResult}"/> when the instance did not complete.</summary>
public sealed class WorkflowFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public WorkflowFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an instance's end state.</summary>
    /// <param name="status">The instance's status.</param>
    /// <param name="error">Its error, if it failed.</param>
    public WorkflowFailedException(InstanceStatus status, WorkflowError? error)
        : base(error is null ? $"The instance ended as {status}." : $"The instance ended as {status}: {error.Name}: {error.Message}")
    {
        Status = status;
        Error = error;
    }

    /// <summary>The instance's status.</summary>
    public InstanceStatus Status { get; }

    /// <summary>Its error, if it failed.</summary>
    public WorkflowError? Error { get; }
}
