using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflows.Runtime;
using Workflows.Sdk;

namespace Workflows.TestKit;

/// <summary>
/// Runs workflows in your test process, on an in-memory history store and a fake clock that skips ahead:
/// sleeps and retry backoffs pass instantly. When an instance waits for an event, time stands still so the
/// test can send it (<see cref="WorkflowTestInstance.SendEventAsync"/>) or let the wait time out
/// (<see cref="WorkflowTestInstance.AdvanceTimeAsync"/>, <see cref="WorkflowTestInstance.SkipTimeAsync"/>).
/// <code>
/// await using var env = new WorkflowTestEnvironment(services => services.AddSingleton&lt;IPayments&gt;(fake));
/// env.MockStep("charge card", new Charge("ch_1"));
/// var order = await env.StartAsync&lt;OrderWorkflow&gt;(new OrderParams("o-1", 10m));
/// await order.SendEventAsync("approval", new Approval(true, "ann"));
/// Assert.Equal(InstanceStatus.Complete, order.Status);
/// </code>
/// </summary>
public sealed class WorkflowTestEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly StepMocks mocks = new();
    private readonly WorkflowRuntimeOptions options = new() { InlineRetryThreshold = TimeSpan.Zero };
    private readonly List<WorkflowRegistration> workflows = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WorkflowTestInstance> instances = new(StringComparer.Ordinal);
    private readonly TestChildStarter children;
    private int instanceCounter;

    /// <summary>Creates an environment.</summary>
    /// <param name="configureServices">Registers what your workflows' constructors need.</param>
    /// <param name="configureOptions">Changes limits (the inline retry threshold is zero so every backoff skips time).</param>
    /// <param name="start">The fake clock's start; default 2025-01-01T00:00:00Z.</param>
    public WorkflowTestEnvironment(
        Action<IServiceCollection>? configureServices = null,
        Action<WorkflowRuntimeOptions>? configureOptions = null,
        DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        configureOptions?.Invoke(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(WorkflowRuntimeOptions), errors);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        // Workflows that take an ILogger<T> work without setup; register real logging in configureServices to see it.
        collection.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(NullLogger<>)));
        configureServices?.Invoke(collection);
        services = collection.BuildServiceProvider();
        children = new TestChildStarter(this);
    }

    /// <summary>The fake clock shared by every instance of this environment.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The history store (inspect raw step records or buffered events).</summary>
    public InMemoryHistoryStore Store { get; } = new();

    /// <summary>What every instance's runs reported: step attempts, sleeps, waits and <c>step.ReportProgress</c> payloads.</summary>
    public InMemoryRunEvents Events { get; } = new();

    /// <summary>The services built from <c>configureServices</c>.</summary>
    public IServiceProvider Services => services;

    internal WorkflowRuntimeOptions RuntimeOptions => options;

    /// <summary>
    /// From now on, steps named <paramref name="stepName"/> (in every instance) return <paramref name="result"/>
    /// instead of running their body. The value goes through JSON, so any shape that reads back as the step's type works.
    /// </summary>
    /// <param name="stepName">The step name.</param>
    /// <param name="result">The value the step returns.</param>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment MockStep(string stepName, object? result)
    {
        mocks.Set(stepName, _ => Task.FromResult(result));
        return this;
    }

    /// <summary>From now on, steps named <paramref name="stepName"/> run <paramref name="body"/> instead of their own body.</summary>
    /// <param name="stepName">The step name.</param>
    /// <param name="body">The replacement; <see cref="StepContext.Current"/> gives the attempt.</param>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment MockStep(string stepName, Func<CancellationToken, Task<object?>> body)
    {
        mocks.Set(stepName, body);
        return this;
    }

    /// <summary>From now on, every attempt of steps named <paramref name="stepName"/> throws <paramref name="error"/> (retries apply).</summary>
    /// <param name="stepName">The step name.</param>
    /// <param name="error">The exception each attempt throws.</param>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment MockStepFailure(string stepName, Exception error)
    {
        mocks.Set(stepName, _ => Task.FromException<object?>(error));
        return this;
    }

    /// <summary>
    /// Registers <typeparamref name="TWorkflow"/> so instances can invoke it as a child (<c>step.Invoke</c>): the child runs
    /// in this environment to its end, with time skipped, and its output or error goes back to the parent.
    /// </summary>
    /// <typeparam name="TWorkflow">The child's workflow class.</typeparam>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment AddWorkflow<TWorkflow>()
        where TWorkflow : class
    {
        lock (workflows)
            workflows.Add(WorkflowRegistration.Create<TWorkflow>());
        return this;
    }

    /// <summary>From now on, children of workflow <paramref name="workflow"/> do not run: each completes at once with <paramref name="output"/>.</summary>
    /// <param name="workflow">The child's workflow name.</param>
    /// <param name="output">The output every such child returns (through JSON).</param>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment MockWorkflow(string workflow, object? output)
    {
        children.Mock(workflow, () => (WorkflowJson.Serialize(output), null));
        return this;
    }

    /// <summary>From now on, children of workflow <paramref name="workflow"/> do not run: each ends errored with this error.</summary>
    /// <param name="workflow">The child's workflow name.</param>
    /// <param name="errorName">The error name the parent sees, such as "NonRetryableException".</param>
    /// <param name="message">The error message.</param>
    /// <returns>This environment.</returns>
    public WorkflowTestEnvironment MockWorkflowFailure(string workflow, string errorName, string message)
    {
        children.Mock(workflow, () => (null, new WorkflowError(errorName, message)));
        return this;
    }

    /// <summary>An instance this environment started, a child included (child ids are <c>{parent id}-{step name}-{occurrence}</c>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="KeyNotFoundException">No instance has this id.</exception>
    public WorkflowTestInstance Instance(string instanceId) =>
        instances.TryGetValue(instanceId, out var instance) ? instance : throw new KeyNotFoundException($"No instance '{instanceId}' was started in this environment.");

    /// <summary>How many times a mocked step's replacement ran, over all instances.</summary>
    /// <param name="stepName">The step name.</param>
    /// <returns>The count.</returns>
    public int MockCalls(string stepName) => mocks.Calls(stepName);

    /// <summary>
    /// Starts an instance and runs it until it completes, fails, or waits for an event; sleeps and retry
    /// backoffs on the way pass instantly.
    /// </summary>
    /// <typeparam name="TWorkflow">The workflow class (built through the environment's services).</typeparam>
    /// <param name="parameters">The params (serialized to JSON like the real engine does).</param>
    /// <param name="instanceId">The instance id; default <c>test-1</c>, <c>test-2</c>, ….</param>
    /// <returns>The instance, to inspect and drive further.</returns>
    public async Task<WorkflowTestInstance> StartAsync<TWorkflow>(object? parameters = null, string? instanceId = null)
        where TWorkflow : class
    {
        var registration = WorkflowRegistration.Create<TWorkflow>();
        var id = instanceId ?? $"test-{Interlocked.Increment(ref instanceCounter)}";
        var descriptor = new InstanceDescriptor(id, registration.Name, 1, WorkflowJson.Serialize(parameters), Now);
        var instance = new WorkflowTestInstance(this, Runner(registration), descriptor, parentId: null);
        instances[id] = instance;
        await instance.SettleAsync(until: null).ConfigureAwait(false);
        return instance;
    }

    /// <summary>Runs a registered child to its end; null once started, else why it could not be.</summary>
    internal async Task<string?> RunChildAsync(ChildStart child)
    {
        WorkflowRegistration? registration;
        lock (workflows)
            registration = workflows.FirstOrDefault(w => w.Name == child.Workflow);
        if (registration is null)
            return $"no workflow named '{child.Workflow}' is registered in the test environment (AddWorkflow) or mocked (MockWorkflow)";
        var descriptor = new InstanceDescriptor(child.InstanceId, registration.Name, 1, child.ParamsJson, Now);
        var instance = new WorkflowTestInstance(this, Runner(registration), descriptor, child.ParentInstanceId);
        instances[child.InstanceId] = instance;
        await instance.SkipTimeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Puts a child's outcome in its parent's inbox, as the Orchestrator does when a child ends.</summary>
    internal Task DeliverChildOutcomeAsync(string parentId, string childId, string? outputJson, WorkflowError? error) =>
        Store.AppendEventAsync(new InboxEvent(parentId, ChildOutcome.EventId(childId), ChildOutcome.EventType(childId),
            ChildOutcome.PayloadJson(outputJson, error?.Name, error?.Message), Now));

    private WorkflowRunner Runner(WorkflowRegistration registration)
    {
        List<WorkflowRegistration> known;
        lock (workflows)
            known = [registration, .. workflows.Where(w => w.Name != registration.Name)];
        return new WorkflowRunner(new WorkflowRegistry(known), Store, services, Time, Options.Create(options), mocks, children, events: Events);
    }

    /// <summary>
    /// Runs an instance to its end, skipping all time (event waits time out unless the events were sent),
    /// and returns its output read as <typeparamref name="TResult"/>.
    /// </summary>
    /// <typeparam name="TWorkflow">The workflow class.</typeparam>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="parameters">The params.</param>
    /// <returns>The output.</returns>
    /// <exception cref="WorkflowFailedException">The instance did not complete; the message gives its error.</exception>
    public async Task<TResult> ExecuteAsync<TWorkflow, TResult>(object? parameters = null)
        where TWorkflow : class
    {
        var instance = await StartAsync<TWorkflow>(parameters).ConfigureAwait(false);
        await instance.SkipTimeAsync().ConfigureAwait(false);
        return instance.Status == InstanceStatus.Complete
            ? instance.GetOutput<TResult>()
            : throw new WorkflowFailedException(instance.Status, instance.Error);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => services.DisposeAsync();
}
