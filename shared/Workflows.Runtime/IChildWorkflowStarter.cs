namespace Workflows.Runtime;

/// <summary>
/// Creates child instances for <c>step.Invoke</c>: the Executor asks the Orchestrator, the TestKit runs them in memory.
/// Creating must be idempotent by the child's id, so a replay or a retry never starts a child twice.
/// </summary>
public interface IChildWorkflowStarter
{
    /// <summary>Creates the child unless an instance with its id exists already.</summary>
    /// <param name="child">The child to create.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null once the child exists; else why it was refused (bad params, too large), which fails the step for good.</returns>
    Task<string?> StartAsync(ChildStart child, CancellationToken ct);
}
