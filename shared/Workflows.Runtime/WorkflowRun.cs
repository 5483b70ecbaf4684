using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>One run of one instance: the <see cref="IWorkflowStep"/> the workflow sees, wired to the run's state, pump and step kinds.</summary>
internal sealed class WorkflowRun : IWorkflowStep
{
    private readonly RunPump pump;
    private readonly DoStep doStep;
    private readonly SleepStep sleepStep;
    private readonly WaitForEventStep waitForEventStep;

    public WorkflowRun(
        InstanceDescriptor instance,
        IReadOnlyList<StepRecord> history,
        IHistoryStore store,
        TimeProvider time,
        WorkflowRuntimeOptions options,
        IStepOverrides? overrides,
        CancellationToken pause,
        CancellationToken terminate)
    {
        var state = new RunState(history, options.MaxSteps);
        pump = new RunPump(state, options, pause, terminate);
        var host = new StepHost(instance, store, time, options, state, pump, pause, terminate);
        doStep = new DoStep(host, new StepAttempts(host, overrides));
        sleepStep = new SleepStep(host);
        waitForEventStep = new WaitForEventStep(host);
    }

    public Task<RunOutcome> ExecuteAsync(Func<IWorkflowStep, CancellationToken, Task<object?>> body) => pump.ExecuteAsync(this, body);

    public Task<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn) => Do(name, StepConfig.Default, fn);

    public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return doStep.Run<T>(name, config, async ct => await fn(ct).ConfigureAwait(false));
    }

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

    public Task Sleep(string name, Duration duration) => sleepStep.Sleep(name, duration);

    public Task SleepUntil(string name, DateTimeOffset until) => sleepStep.SleepUntil(name, until);

    public Task<WorkflowEventReceived<T>> WaitForEvent<T>(string name, WaitForEventOptions options) => waitForEventStep.Run<T>(name, options);
}
