namespace Workflows.Runtime;

/// <summary>The instance failed for good.</summary>
/// <param name="ErrorName">The error's type name (for a failed step, the step's last error) or one of <see cref="RuntimeErrorNames"/>.</param>
/// <param name="Message">The error message.</param>
public sealed record RunFailed(string ErrorName, string Message) : RunOutcome
{
    /// <summary>How the rollbacks of the completed steps went; null when no completed step has a rollback.</summary>
    public RollbackResult? Rollback { get; init; }
}
