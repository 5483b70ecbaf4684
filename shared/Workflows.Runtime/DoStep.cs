using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>A <c>Do</c> step: replays its recorded result or failure, waits out a durable backoff, else runs its attempts in flight.</summary>
internal sealed class DoStep(StepHost host, StepAttempts attempts)
{
    public Task<T> Run<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        if (config is null)
            return Task.FromException<T>(new ArgumentNullException(nameof(config)));
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException<T>(new ArgumentException(problem, nameof(name)));

        var reached = host.State.Reach(name);
        StepRecord record;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != StepKind.Do)
                return host.NonDeterministic<T>(recorded, StepKind.Do);
            switch (recorded.Status)
            {
                case StepStatus.Complete:
                    return ReplayResult<T>(recorded);
                case StepStatus.Errored or StepStatus.TimedOut:
                    return Task.FromException<T>(new WorkflowStepException(name, recorded.ErrorName ?? "Exception", recorded.ErrorMessage ?? ""));
            }
            if (host.PauseRequested)
                return host.State.BlockForPause<T>();
            if (recorded.Status == StepStatus.Retrying && recorded.WakeAt is { } due && due > host.Time.GetUtcNow())
                return host.State.Suspend<T>(due);
            record = recorded;
        }
        else
        {
            if (host.PauseRequested)
                return host.State.BlockForPause<T>();
            if (!host.TryCountStep(name))
                return NeverTask.Of<T>();
            record = host.State.Begin(reached, StepKind.Do, StepStatus.Running, host.Time.GetUtcNow());
        }

        return host.Pump.StartInFlight(() => attempts.RunAsync(record, config, fn));
    }

    private static Task<T> ReplayResult<T>(StepRecord record)
    {
        try
        {
            return Task.FromResult(WorkflowJson.Deserialize<T>(record.ResultJson));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return Task.FromException<T>(new WorkflowStepException(
                record.Name, ex.GetType().Name, $"The stored result of step '{record.Key}' cannot be read as {typeof(T).Name}: {ex.Message}"));
        }
    }
}
