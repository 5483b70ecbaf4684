using Microsoft.Extensions.Logging;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>One run of one instance: the <see cref="IWorkflowStep"/> the workflow sees, wired to the run's state, pump and step kinds.</summary>
internal sealed class WorkflowRun : IWorkflowStep
{
    private readonly RunPump pump;
    private readonly DoStep doStep;
    private readonly SleepStep sleepStep;
    private readonly WaitForEventStep waitForEventStep;
    private readonly InvokeStep invokeStep;
    private readonly RunState state;
    private readonly StepHost host;

    public WorkflowRun(
        InstanceDescriptor instance,
        IReadOnlyList<StepRecord> history,
        IHistoryStore store,
        TimeProvider time,
        WorkflowRuntimeOptions options,
        IStepOverrides? overrides,
        IChildWorkflowStarter? children,
        CancellationToken pause,
        CancellationToken terminate,
        ILogger logger,
        IRunEvents? events = null)
    {
        state = new RunState(history, options.MaxSteps);
        pump = new RunPump(state, options, pause, terminate, instance.RollingBack);
        host = new StepHost(instance, store, time, options, state, pump, pause, terminate, logger, events);
        var attempts = new StepAttempts(host, overrides);
        doStep = new DoStep(host, attempts);
        sleepStep = new SleepStep(host);
        waitForEventStep = new WaitForEventStep(host);
        invokeStep = new InvokeStep(host, children);
        pump.RollBack = new RollbackPhase(host, attempts).RunAsync;
    }

    /// <summary>Thread CPU time of every step attempt of this generation so far.</summary>
    public TimeSpan CpuTime => state.CpuTime;

    public Task<RunOutcome> ExecuteAsync(Func<IWorkflowStep, CancellationToken, Task<object?>> body) => pump.ExecuteAsync(this, body);

    public Task<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn) => Do(name, StepConfig.Default, fn);

    public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return doStep.Run<T>(name, config, async ct => await fn(ct).ConfigureAwait(false));
    }

    public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn,
        Func<StepContext, T, WorkflowStepException?, CancellationToken, Task> rollback, StepConfig? rollbackConfig = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(rollback);
        // The rollback runs as a step attempt, so the engine has set the attempt's context by then.
        return doStep.Run<T>(name, config, async ct => await fn(ct).ConfigureAwait(false),
            (output, error, ct) => rollback(StepContext.Current!, output, error, ct), rollbackConfig);
    }

    public int AttemptsOf(string name, int occurrence = 1) => state.AttemptsOf(StepKey.Format(name, occurrence));

    public Task<TResult> Invoke<TResult>(string name, string workflow, object? parameters, ChildWorkflowOptions? options = null) =>
        invokeStep.Run<TResult>(name, workflow, parameters, options);

    public Task Do(string name, Func<CancellationToken, Task> fn) => Do(name, StepConfig.Default, fn);

    public Task Do(string name, StepConfig config, Func<CancellationToken, Task> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return doStep.Run<object?>(name, config, async ct =>
        {
            await fn(ct).ConfigureAwait(false);
            return null;
        });
    }

    public Task ReportProgress(object? progress)
    {
        string json;
        try
        {
            json = WorkflowJson.Serialize(progress);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            return Task.FromException(new ArgumentException($"The progress cannot be written as JSON: {ex.Message}", nameof(progress)));
        }
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > host.Options.MaxStepResultBytes)
            return Task.FromException(new ArgumentException($"The progress is {size:N0} bytes of JSON; the limit is {host.Options.MaxStepResultBytes:N0} bytes.", nameof(progress)));
        return host.RecordAsync(RunEventKind.Progress, dataJson: json);
    }

    public Task Sleep(string name, Duration duration) => sleepStep.Sleep(name, duration);

    public Task SleepUntil(string name, DateTimeOffset until) => sleepStep.SleepUntil(name, until);

    public Task<WorkflowEventReceived<T>> WaitForEvent<T>(string name, WaitForEventOptions options) => waitForEventStep.Run<T>(name, options);
}
