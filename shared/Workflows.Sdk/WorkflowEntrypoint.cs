namespace Workflows.Sdk;

/// <summary>
/// The base class of every workflow. The engine builds it through dependency injection
/// (constructor injection) and calls <see cref="RunAsync"/> again from the top on every resume,
/// so the code outside steps must be deterministic.
/// </summary>
/// <typeparam name="TParams">The type the instance's JSON params are deserialized into.</typeparam>
public abstract class WorkflowEntrypoint<TParams>
{
    /// <summary>Runs the workflow. Every <paramref name="step"/> call is durable.</summary>
    /// <param name="evt">The instance's params and identity.</param>
    /// <param name="step">Durable steps, sleeps and event waits.</param>
    /// <param name="ct">Cancelled when the instance is terminated.</param>
    /// <returns>The instance's output, serialized to JSON (null allowed).</returns>
    public abstract Task<object?> RunAsync(WorkflowEvent<TParams> evt, IWorkflowStep step, CancellationToken ct);
}
