namespace Workflows.Sdk;

/// <summary>
/// Thrown from a step body, fails the step at once without further attempts.
/// Thrown from <see cref="WorkflowEntrypoint{TParams}.RunAsync"/>, fails the instance.
/// </summary>
public class NonRetryableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonRetryableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message (it becomes the step's or instance's error message).</param>
    public NonRetryableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public NonRetryableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
