namespace Workflows.Sdk;

/// <summary>
/// Thrown by <see cref="IWorkflowStep.WaitForApproval"/> when the instance was rejected. It is a
/// <see cref="NonRetryableException"/>: uncaught, it fails the instance at once; catch it to take another path.
/// </summary>
public sealed class WorkflowRejectedException : NonRetryableException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRejectedException()
        : this(new ApprovalDecision(false))
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    public WorkflowRejectedException(string message)
        : base(message)
    {
        Decision = new ApprovalDecision(false, message);
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Decision = new ApprovalDecision(false, message);
    }

    /// <summary>Creates the exception for a rejection.</summary>
    /// <param name="decision">The rejection: who, why, and its metadata.</param>
    public WorkflowRejectedException(ApprovalDecision decision)
        : base(Describe(decision))
    {
        Decision = decision;
    }

    /// <summary>The rejection: who, why, and its metadata.</summary>
    public ApprovalDecision Decision { get; }

    private static string Describe(ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var by = decision.By is null ? "" : $" by {decision.By}";
        var reason = decision.Reason is null ? "" : $": {decision.Reason}";
        return $"Rejected{by}{reason}";
    }
}
