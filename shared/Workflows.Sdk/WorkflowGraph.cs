namespace Workflows.Sdk;

/// <summary>
/// Steps that name the steps they depend on (<see cref="IWorkflowStep.Graph"/>). Each node is a durable step named after
/// the node; it starts when first awaited, directly or by a dependent, and runs at most once. A node whose dependency
/// failed fails with the same error without running. Node names must be unique within the graph.
/// <code>
/// var dag = step.Graph();
/// var users  = dag.Do("fetch users",  ct => api.Users(ct));
/// var orders = dag.Do("fetch orders", ct => api.Orders(ct));
/// var report = dag.Do("join", users, orders, (u, o, ct) => Join(u, o), concurrent: true);
/// return await report;
/// </code>
/// </summary>
public sealed class WorkflowGraph
{
    private readonly IWorkflowStep step;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    /// <summary>Creates an empty graph over <paramref name="step"/>.</summary>
    /// <param name="step">The workflow's steps.</param>
    public WorkflowGraph(IWorkflowStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        this.step = step;
    }

    /// <summary>A node without dependencies.</summary>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's (and its step's) name, unique in the graph.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="config">Retries and timeout; default <see cref="StepConfig.Default"/>.</param>
    /// <returns>The node; await it for its result.</returns>
    public WorkflowNode<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return Node(name, () => step.Do(name, config ?? StepConfig.Default, fn));
    }

    /// <summary>A node without dependencies whose body is synchronous.</summary>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<T>(string name, Func<CancellationToken, T> fn, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return Do(name, ct => Task.FromResult(fn(ct)), config);
    }

    /// <summary>A node that depends on <paramref name="a"/> and receives its result.</summary>
    /// <typeparam name="TA">The dependency's result type.</typeparam>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="a">The dependency.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<TA, T>(string name, WorkflowNode<TA> a, Func<TA, CancellationToken, Task<T>> fn, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(fn);
        return Node(name, async () =>
        {
            var ra = await a;
            return await step.Do(name, config ?? StepConfig.Default, ct => fn(ra, ct));
        });
    }

    /// <summary>A node that depends on <paramref name="a"/>, with a synchronous body.</summary>
    /// <typeparam name="TA">The dependency's result type.</typeparam>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="a">The dependency.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<TA, T>(string name, WorkflowNode<TA> a, Func<TA, CancellationToken, T> fn, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return Do(name, a, (ra, ct) => Task.FromResult(fn(ra, ct)), config);
    }

    /// <summary>A node that depends on <paramref name="a"/> and <paramref name="b"/> and receives both results.</summary>
    /// <typeparam name="TA">The first dependency's result type.</typeparam>
    /// <typeparam name="TB">The second dependency's result type.</typeparam>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="a">The first dependency.</param>
    /// <param name="b">The second dependency.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="concurrent">Start the dependencies together (else <paramref name="b"/> starts after <paramref name="a"/> is done).</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<TA, TB, T>(string name, WorkflowNode<TA> a, WorkflowNode<TB> b, Func<TA, TB, CancellationToken, Task<T>> fn,
        bool concurrent = false, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(fn);
        return Node(name, async () =>
        {
            if (concurrent)
            {
                a.Start();
                b.Start();
            }
            // Awaited in declaration order, so the error a dependent reports does not depend on timing.
            var ra = await a;
            var rb = await b;
            return await step.Do(name, config ?? StepConfig.Default, ct => fn(ra, rb, ct));
        });
    }

    /// <summary>A node that depends on <paramref name="a"/> and <paramref name="b"/>, with a synchronous body.</summary>
    /// <typeparam name="TA">The first dependency's result type.</typeparam>
    /// <typeparam name="TB">The second dependency's result type.</typeparam>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="a">The first dependency.</param>
    /// <param name="b">The second dependency.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="concurrent">Start the dependencies together.</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<TA, TB, T>(string name, WorkflowNode<TA> a, WorkflowNode<TB> b, Func<TA, TB, CancellationToken, T> fn,
        bool concurrent = false, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return Do(name, a, b, (ra, rb, ct) => Task.FromResult(fn(ra, rb, ct)), concurrent, config);
    }

    /// <summary>A node that depends on three nodes and receives their results.</summary>
    /// <typeparam name="TA">The first dependency's result type.</typeparam>
    /// <typeparam name="TB">The second dependency's result type.</typeparam>
    /// <typeparam name="TC">The third dependency's result type.</typeparam>
    /// <typeparam name="T">The node's result type.</typeparam>
    /// <param name="name">The node's name, unique in the graph.</param>
    /// <param name="a">The first dependency.</param>
    /// <param name="b">The second dependency.</param>
    /// <param name="c">The third dependency.</param>
    /// <param name="fn">The node's body.</param>
    /// <param name="concurrent">Start the dependencies together (else one after another, in order).</param>
    /// <param name="config">Retries and timeout.</param>
    /// <returns>The node.</returns>
    public WorkflowNode<T> Do<TA, TB, TC, T>(string name, WorkflowNode<TA> a, WorkflowNode<TB> b, WorkflowNode<TC> c,
        Func<TA, TB, TC, CancellationToken, Task<T>> fn, bool concurrent = false, StepConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(fn);
        return Node(name, async () =>
        {
            if (concurrent)
            {
                a.Start();
                b.Start();
                c.Start();
            }
            var ra = await a;
            var rb = await b;
            var rc = await c;
            return await step.Do(name, config ?? StepConfig.Default, ct => fn(ra, rb, rc, ct));
        });
    }

    private WorkflowNode<T> Node<T>(string name, Func<Task<T>> run)
    {
        if (!names.Add(name))
            throw new ArgumentException($"The graph already has a node named '{name}'; node names must be unique in a graph.", nameof(name));
        return new WorkflowNode<T>(name, run, step);
    }
}
