using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary><c>Sleep</c> and <c>SleepUntil</c>: a durable timer that completes once its due time has passed.</summary>
internal sealed class SleepStep(StepHost host)
{
    /// <summary>The longest sleep, and the longest event wait.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromDays(365);

    public Task Sleep(string name, Duration duration)
    {
        if (duration.Value > MaxSleep)
            return Task.FromException(new ArgumentException($"Sleep '{name}' is {duration.Value}; a sleep can last at most 365 days.", nameof(duration)));
        return Run(name, StepKind.Sleep, now => now + duration.Value);
    }

    public Task SleepUntil(string name, DateTimeOffset until) =>
        Run(name, StepKind.SleepUntil, now =>
            until < now ? throw new ArgumentException($"SleepUntil '{name}' is in the past: {until:O} is before now ({now:O}).", nameof(until))
            : until - now > MaxSleep ? throw new ArgumentException($"SleepUntil '{name}' is {until - now} away; a sleep can last at most 365 days.", nameof(until))
            : until);

    private Task Run(string name, StepKind kind, Func<DateTimeOffset, DateTimeOffset> dueTime)
    {
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException(new ArgumentException(problem, nameof(name)));

        var reached = host.State.Reach(name);
        var now = host.Time.GetUtcNow();
        var isNew = false;
        StepRecord record;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != kind)
                return host.NonDeterministic<object?>(recorded, kind);
            if (recorded.Status == StepStatus.Complete)
                return Task.CompletedTask;
            record = recorded;
        }
        else
        {
            DateTimeOffset wakeAt;
            try
            {
                wakeAt = dueTime(now);
            }
            catch (ArgumentException ex)
            {
                return Task.FromException(ex);
            }
            if (host.PauseRequested)
                return host.State.BlockForPause<object?>();
            record = host.State.Begin(reached, kind, StepStatus.Waiting, now, wakeAt);
            isNew = true;
        }

        var due = record.WakeAt ?? now;
        if (!isNew && due > now)
            return host.State.Suspend<object?>(due);

        return host.Pump.StartInFlight<object?>(async () =>
        {
            if (isNew && due > now)
            {
                // Persisted first so the due time survives this run.
                await host.SaveAsync(record).ConfigureAwait(false);
                await host.RecordAsync(RunEventKind.SleepStarted, name).ConfigureAwait(false);
                return () => host.State.Suspend<object?>(due);
            }
            var ended = host.Time.GetUtcNow();
            await host.SaveAsync(record with { Status = StepStatus.Complete, EndedAt = ended }).ConfigureAwait(false);
            WorkflowDiagnostics.RecordWait("sleep", host.Instance, record, ended, "woke");
            if (isNew)
                await host.RecordAsync(RunEventKind.SleepStarted, name).ConfigureAwait(false);
            await host.RecordAsync(RunEventKind.SleepCompleted, name).ConfigureAwait(false);
            return () => Task.FromResult<object?>(null);
        });
    }
}
