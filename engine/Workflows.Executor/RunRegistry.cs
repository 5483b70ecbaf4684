using System.Collections.Concurrent;

namespace Workflows.Executor;

/// <summary>The runs in flight in this process, so pause, terminate and restart messages can reach them.</summary>
public sealed class RunRegistry
{
    private readonly ConcurrentDictionary<string, ActiveRun> runs = new(StringComparer.Ordinal);

    /// <returns>The new run, or null when this process already runs this generation of the instance.</returns>
    public ActiveRun? TryBegin(string instanceId, long generation, bool rollingBack = false)
    {
        var run = new ActiveRun(generation, rollingBack);
        while (true)
        {
            if (runs.TryAdd(instanceId, run))
                return run;
            if (runs.TryGetValue(instanceId, out var current))
            {
                if (current.Generation == generation)
                {
                    run.Dispose();
                    return null;
                }
                // An older generation still winding down (restart): the new one takes the slot.
                if (runs.TryUpdate(instanceId, run, current))
                    return run;
            }
        }
    }

    /// <summary>Runs in flight in this process (the executor's busy slots).</summary>
    public int Count => runs.Count;

    public void End(string instanceId, ActiveRun run) => runs.TryRemove(new(instanceId, run));

    /// <summary>No new step starts; in-flight steps finish.</summary>
    public void RequestPause(string instanceId, long generation)
    {
        if (runs.TryGetValue(instanceId, out var run) && run.Generation == generation)
            run.Pause.Cancel();
    }

    /// <summary>Shutdown: every run stops at its next step boundary and reports a pause, so the saga dispatches it again elsewhere.</summary>
    public void PauseAll()
    {
        foreach (var run in runs.Values)
            run.Pause.Cancel();
    }

    /// <summary>Cancels the runs of <paramref name="instanceId"/> up to and including <paramref name="generation"/>.</summary>
    public void Cancel(string instanceId, long generation)
    {
        if (runs.TryGetValue(instanceId, out var run) && run.Generation <= generation && !run.RollingBack)
            run.Terminate.Cancel();
    }
}
