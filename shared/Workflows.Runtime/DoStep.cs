using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>A <c>Do</c> step: replays its recorded result or failure, waits out a durable backoff, else runs its attempts in flight.</summary>
internal sealed class DoStep(StepHost host, StepAttempts attempts)
{
    public Task<T> Run<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn,
        Func<T, WorkflowStepException?, CancellationToken, Task>? rollback = null, StepConfig? rollbackConfig = null)
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
                    var replayed = ReplayResult<T>(recorded);
                    if (rollback is not null && replayed.IsCompletedSuccessfully)
                        Register(recorded, replayed.Result, rollback, rollbackConfig);
                    return replayed;
                case StepStatus.Errored or StepStatus.TimedOut:
                    return Task.FromException<T>(new WorkflowStepException(name, recorded.ErrorName ?? "Exception", recorded.ErrorMessage ?? ""));
            }
            if (host.RollingBack)
                return NeverTask.Of<T>();
            if (host.PauseRequested)
                return host.State.BlockForPause<T>();
            if (recorded.Status == StepStatus.Retrying && recorded.WakeAt is { } due && due > host.Time.GetUtcNow())
                return host.State.Suspend<T>(due);
            record = recorded;
        }
        else
        {
            if (host.RollingBack)
                return NeverTask.Of<T>();
            if (host.PauseRequested)
                return host.State.BlockForPause<T>();
            if (!host.TryCountStep(name))
                return NeverTask.Of<T>();
            record = host.State.Begin(reached, StepKind.Do, StepStatus.Running, host.Time.GetUtcNow());
        }

        var running = host.Pump.StartInFlight(() => attempts.RunAsync(record, config, fn));
        return rollback is null ? running : RegisterOnSuccess(running, record, rollback, rollbackConfig);
    }

    private async Task<T> RegisterOnSuccess<T>(Task<T> running, StepRecord record, Func<T, WorkflowStepException?, CancellationToken, Task> rollback, StepConfig? config)
    {
        var value = await running;
        Register(record, value, rollback, config);
        return value;
    }

    private void Register<T>(StepRecord record, T output, Func<T, WorkflowStepException?, CancellationToken, Task> rollback, StepConfig? config) =>
        host.State.AddRollback(new RollbackEntry(record, config ?? StepConfig.Default, (error, ct) => rollback(output, error, ct)));

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
