using System.Collections.Concurrent;

namespace Workflows.Executor.Hosting;

/// <summary>The runs in flight in this process, so pause, terminate and restart messages can reach them.</summary>
public sealed class RunRegistry
{
    private readonly ConcurrentDictionary<string, ActiveRun> runs = new(StringComparer.Ordinal);

    public ActiveRun Begin(string instanceId, long generation)
    {
        var run = new ActiveRun(generation);
        runs[instanceId] = run;
        return run;
    }

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
        if (runs.TryGetValue(instanceId, out var run) && run.Generation <= generation)
            run.Terminate.Cancel();
    }
}
