using Microsoft.Extensions.Logging;

namespace Workflows.Runtime;

/// <summary>What every step kind needs from its run: identity, store, clock, limits, tokens, state and pump.</summary>
internal sealed class StepHost(
    InstanceDescriptor instance,
    IHistoryStore store,
    TimeProvider time,
    WorkflowRuntimeOptions options,
    RunState state,
    RunPump pump,
    CancellationToken pause,
    CancellationToken terminate,
    ILogger logger,
    IRunEvents? events)
{
    /// <summary>Where step attempts open their log scope (its scope provider is the process's).</summary>
    public ILogger Logger => logger;

    public InstanceDescriptor Instance => instance;

    public IHistoryStore Store => store;

    public TimeProvider Time => time;

    public WorkflowRuntimeOptions Options => options;

    public RunState State => state;

    public RunPump Pump => pump;

    public CancellationToken Terminate => terminate;

    /// <summary>No new step starts while a pause is requested; in-flight ones finish.</summary>
    public bool PauseRequested => pause.IsCancellationRequested;

    /// <summary>Rollback mode: steps replay what history holds, and nothing new starts (the branch goes no further).</summary>
    public bool RollingBack => instance.RollingBack;

    /// <summary>Persists a step's record, then keeps the in-memory view in step with it.</summary>
    public async Task SaveAsync(StepRecord record)
    {
        await store.SaveStepAsync(instance.InstanceId, instance.Generation, record, CancellationToken.None).ConfigureAwait(false);
        state.Remember(record);
    }

    /// <summary>Reports an event to the instance's stream, when the run has one (the TestKit's and the Executor's do).</summary>
    public Task RecordAsync(RunEventKind kind, string? step = null, int? attempt = null, string? dataJson = null) =>
        events is null
            ? Task.CompletedTask
            : events.RecordAsync(instance, new RunEvent(kind, time.GetUtcNow(), step, attempt, dataJson), CancellationToken.None);

    /// <summary>An error as the stream shows it: <c>{ "name": ..., "message": ... }</c>.</summary>
    public static string ErrorJson(string? name, string? message) => WorkflowJson.Serialize(new { name, message });

    /// <summary>Counts a new step; at the limit, the run fails and the pump is woken to say so.</summary>
    public bool TryCountStep(string name)
    {
        if (state.TryCountStep(name))
            return true;
        pump.Wake();
        return false;
    }

    /// <summary>Fails the run (a recorded step is called as another kind); the branch goes no further.</summary>
    public Task<T> NonDeterministic<T>(StepRecord recorded, StepKind now)
    {
        state.FailNonDeterministic(recorded, now);
        pump.Wake();
        return NeverTask.Of<T>();
    }
}
