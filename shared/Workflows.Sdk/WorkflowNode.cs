using System.Runtime.CompilerServices;

namespace Workflows.Sdk;

/// <summary>A node of a <see cref="WorkflowGraph"/>: await it for its result (that starts it, once).</summary>
/// <typeparam name="T">The node's result type.</typeparam>
public sealed class WorkflowNode<T>
{
    private readonly Lazy<Task<T>> run;
    private readonly IWorkflowStep step;

    internal WorkflowNode(string name, Func<Task<T>> run, IWorkflowStep step)
    {
        Name = name;
        this.run = new Lazy<Task<T>>(run, LazyThreadSafetyMode.ExecutionAndPublication);
        this.step = step;
    }

    /// <summary>The node's (and its step's) name.</summary>
    public string Name { get; }

    /// <summary>The node's result; reading it starts the node if nothing started it yet.</summary>
    public Task<T> Task => run.Value;

    /// <summary>How many attempts of the node's step were persisted (0 before it ran); read it after awaiting the node.</summary>
    public int Attempts => step.AttemptsOf(Name);

    /// <summary>Awaits the node's result, starting it if needed.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<T> GetAwaiter() => Task.GetAwaiter();

    internal void Start() => _ = run.Value;
}
