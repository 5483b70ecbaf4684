using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>
/// One run of one instance: the <see cref="IWorkflowStep"/> the workflow sees, plus the pump that drives the
/// workflow body on a <see cref="WorkflowSynchronizationContext"/> until it completes, fails or is idle.
/// Step bodies and store calls run on the thread pool ("in flight"); their completions are posted back to the
/// pump, so "queue empty and nothing in flight" means no branch of the workflow can make progress in this run.
/// </summary>
internal sealed class WorkflowRun : IWorkflowStep
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromDays(365);

    // CancellationTokenSource timers cannot exceed ~49.7 days; longer step timeouts simply never fire.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly InstanceDescriptor instance;
    private readonly IHistoryStore store;
    private readonly TimeProvider time;
    private readonly WorkflowRuntimeOptions options;
    private readonly IStepOverrides? overrides;
    private readonly CancellationToken pause;
    private readonly CancellationToken terminate;

    private readonly RunState state;
    private readonly RunPump pump;

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
        this.instance = instance;
        this.store = store;
        this.time = time;
        this.options = options;
        this.overrides = overrides;
        this.pause = pause;
        this.terminate = terminate;
        state = new RunState(history, options.MaxSteps);
        pump = new RunPump(state, options, pause, terminate);
    }

    public Task<RunOutcome> ExecuteAsync(Func<IWorkflowStep, CancellationToken, Task<object?>> body) => pump.ExecuteAsync(this, body);

    // ---- IWorkflowStep ----

    public Task<T> Do<T>(string name, Func<CancellationToken, Task<T>> fn) => Do(name, StepConfig.Default, fn);

    public Task<T> Do<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return DoCore<T>(name, config, async ct => await fn(ct).ConfigureAwait(false));
    }

    public Task Do(string name, Func<CancellationToken, Task> fn) => Do(name, StepConfig.Default, fn);

    public Task Do(string name, StepConfig config, Func<CancellationToken, Task> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return DoCore<object?>(name, config, async ct =>
        {
            await fn(ct).ConfigureAwait(false);
            return null;
        });
    }

    public Task Sleep(string name, Duration duration)
    {
        if (duration.Value > MaxSleep)
            return Task.FromException(new ArgumentException($"Sleep '{name}' is {duration.Value}; a sleep can last at most 365 days.", nameof(duration)));
        return SleepCore(name, StepKind.Sleep, now => now + duration.Value);
    }

    public Task SleepUntil(string name, DateTimeOffset until) =>
        SleepCore(name, StepKind.SleepUntil, now =>
            until < now ? throw new ArgumentException($"SleepUntil '{name}' is in the past: {until:O} is before now ({now:O}).", nameof(until))
            : until - now > MaxSleep ? throw new ArgumentException($"SleepUntil '{name}' is {until - now} away; a sleep can last at most 365 days.", nameof(until))
            : until);

    public Task<WorkflowEventReceived<T>> WaitForEvent<T>(string name, WaitForEventOptions options)
    {
        if (options is null)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentNullException(nameof(options)));
        if (string.IsNullOrWhiteSpace(options.Type))
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException($"WaitForEvent '{name}' needs an event type.", nameof(options)));
        if (options.Timeout.Value > MaxSleep)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException($"WaitForEvent '{name}' timeout is {options.Timeout.Value}; it can be at most 365 days.", nameof(options)));
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException<WorkflowEventReceived<T>>(new ArgumentException(problem, nameof(name)));

        var reached = state.Reach(name);
        var now = time.GetUtcNow();
        var isNew = false;
        StepRecord record;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != StepKind.WaitForEvent)
                return NonDeterministic<WorkflowEventReceived<T>>(recorded, StepKind.WaitForEvent);
            switch (recorded.Status)
            {
                case StepStatus.Complete:
                    return Task.FromResult(WorkflowJson.Deserialize<WorkflowEventReceived<T>>(recorded.ResultJson));
                case StepStatus.TimedOut:
                    return Task.FromException<WorkflowEventReceived<T>>(new WorkflowTimeoutException(name, recorded.ErrorMessage ?? "Timed out."));
            }
            record = recorded;
        }
        else
        {
            if (IsPauseRequested())
                return state.BlockForPause<WorkflowEventReceived<T>>();
            if (!TryCountStep(name))
                return NeverTask.Of<WorkflowEventReceived<T>>();
            record = state.Begin(reached, StepKind.WaitForEvent, StepStatus.Waiting, now, now + options.Timeout.Value, options.Type);
            isNew = true;
        }

        var waiting = record;
        return pump.StartInFlight<WorkflowEventReceived<T>>(async () =>
        {
            var at = time.GetUtcNow();
            var consumed = await store.TryConsumeEventAsync(instance.InstanceId, instance.Generation, waiting, at, CancellationToken.None).ConfigureAwait(false);
            if (consumed is not null)
            {
                var json = consumed.ToResultJson();
                state.Remember(waiting with { Status = StepStatus.Complete, EndedAt = at, ResultJson = json });
                var received = WorkflowJson.Deserialize<WorkflowEventReceived<T>>(json);
                return () => Task.FromResult(received);
            }
            if (at >= waiting.WakeAt)
            {
                var message = $"Step '{name}' timed out after {options.Timeout.Value} waiting for an event of type '{waiting.EventType}'.";
                var timedOut = waiting with { Status = StepStatus.TimedOut, EndedAt = at, ErrorName = nameof(WorkflowTimeoutException), ErrorMessage = message };
                await store.SaveStepAsync(instance.InstanceId, instance.Generation, timedOut, CancellationToken.None).ConfigureAwait(false);
                state.Remember(timedOut);
                return () => Task.FromException<WorkflowEventReceived<T>>(new WorkflowTimeoutException(name, message));
            }
            // Nothing buffered: persist the wait (first time) so its deadline survives; an event sent meanwhile wakes a new run.
            if (isNew)
                await store.SaveStepAsync(instance.InstanceId, instance.Generation, waiting, CancellationToken.None).ConfigureAwait(false);
            return () => state.Suspend<WorkflowEventReceived<T>>(waiting.WakeAt, waiting.EventType);
        });
    }

    // ---- steps ----

    private Task<T> DoCore<T>(string name, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        if (config is null)
            return Task.FromException<T>(new ArgumentNullException(nameof(config)));
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException<T>(new ArgumentException(problem, nameof(name)));

        var reached = state.Reach(name);
        StepRecord record;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != StepKind.Do)
                return NonDeterministic<T>(recorded, StepKind.Do);
            switch (recorded.Status)
            {
                case StepStatus.Complete:
                    return ReplayResult<T>(recorded);
                case StepStatus.Errored or StepStatus.TimedOut:
                    return Task.FromException<T>(new WorkflowStepException(name, recorded.ErrorName ?? "Exception", recorded.ErrorMessage ?? ""));
            }
            if (IsPauseRequested())
                return state.BlockForPause<T>();
            if (recorded.Status == StepStatus.Retrying && recorded.WakeAt is { } due && due > time.GetUtcNow())
                return state.Suspend<T>(due);
            record = recorded;
        }
        else
        {
            if (IsPauseRequested())
                return state.BlockForPause<T>();
            if (!TryCountStep(name))
                return NeverTask.Of<T>();
            record = state.Begin(reached, StepKind.Do, StepStatus.Running, time.GetUtcNow());
        }

        var start = record;
        return pump.StartInFlight(() => RunAttemptsAsync(start, config, fn));
    }

    private async Task<Func<Task<T>>> RunAttemptsAsync<T>(StepRecord record, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        var policy = config.Retries ?? RetryPolicy.Default;
        var replacement = overrides?.Find(instance.InstanceId, record.Name);
        var attempt = record.Attempts;
        while (true)
        {
            attempt++;
            if (terminate.IsCancellationRequested)
                return NeverTask.Of<T>;

            using var activity = WorkflowDiagnostics.Source.StartActivity($"step {record.Name}");
            activity?.SetTag(WorkflowDiagnostics.InstanceIdTag, instance.InstanceId);
            activity?.SetTag(WorkflowDiagnostics.StepTag, record.Name);
            activity?.SetTag(WorkflowDiagnostics.AttemptTag, attempt);

            using var timeout = config.Timeout.Value < MaxTimerDelay
                ? new CancellationTokenSource(config.Timeout.Value, time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, terminate);
            string? json = null;
            Exception? error = null;
            StepContext.Current = new StepContext(instance.InstanceId, record.Name, attempt);
            try
            {
                if (replacement is not null)
                    json = WorkflowJson.Serialize(await replacement(linked.Token).ConfigureAwait(false));
                else
                    json = JsonSerializer.Serialize(await fn(linked.Token).ConfigureAwait(false), WorkflowJson.Options);
            }
            catch (Exception ex)
            {
                error = ex;
            }
            finally
            {
                StepContext.Current = null;
            }

            // A terminated attempt leaves no trace: nothing runs after terminate.
            if (terminate.IsCancellationRequested)
                return NeverTask.Of<T>;

            var now = time.GetUtcNow();
            if (error is null)
            {
                var size = Encoding.UTF8.GetByteCount(json!);
                if (size > options.MaxStepResultBytes)
                {
                    var tooLarge = $"Step '{record.Name}' returned {size:N0} bytes of JSON; the limit is {options.MaxStepResultBytes:N0} bytes.";
                    activity?.SetStatus(ActivityStatusCode.Error, tooLarge);
                    return await FailAsync<T>(record, attempt, now, RuntimeErrorNames.PayloadTooLarge, tooLarge).ConfigureAwait(false);
                }
                var done = record with
                {
                    Status = StepStatus.Complete,
                    Attempts = attempt,
                    EndedAt = now,
                    ResultJson = json,
                    WakeAt = null,
                };
                T result;
                try
                {
                    result = WorkflowJson.Deserialize<T>(json);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException)
                {
                    var unreadable = $"Step '{record.Name}' returned a value that cannot be read back from JSON as {typeof(T).Name}: {ex.Message}";
                    return await FailAsync<T>(record, attempt, now, ex.GetType().Name, unreadable).ConfigureAwait(false);
                }
                await store.SaveStepAsync(instance.InstanceId, instance.Generation, done, CancellationToken.None).ConfigureAwait(false);
                state.Remember(done);
                return () => Task.FromResult(result);
            }

            var timedOut = error is OperationCanceledException && timeout.IsCancellationRequested;
            var errorName = timedOut ? RuntimeErrorNames.StepTimeout : error.GetType().Name;
            var message = timedOut ? $"Step '{record.Name}' attempt {attempt} timed out after {config.Timeout.Value}." : error.Message;
            activity?.SetStatus(ActivityStatusCode.Error, message);

            TimeSpan delay;
            try
            {
                if (error is NonRetryableException || attempt > policy.Limit)
                    return await FailAsync<T>(record, attempt, now, errorName, message).ConfigureAwait(false);
                delay = policy.DelayAfter(attempt, error);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The user's dynamic delay threw: the step cannot be scheduled again.
                return await FailAsync<T>(record, attempt, now, ex.GetType().Name, ex.Message).ConfigureAwait(false);
            }

            var wakeAt = now + delay;
            record = record with
            {
                Status = StepStatus.Retrying,
                Attempts = attempt,
                ErrorName = errorName,
                ErrorMessage = message,
                WakeAt = wakeAt,
            };
            await store.SaveStepAsync(instance.InstanceId, instance.Generation, record, CancellationToken.None).ConfigureAwait(false);
            state.Remember(record);

            if (delay > options.InlineRetryThreshold || pause.IsCancellationRequested)
                return () => state.Suspend<T>(wakeAt);
            try
            {
                await Task.Delay(delay, time, terminate).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return NeverTask.Of<T>;
            }
        }
    }

    private async Task<Func<Task<T>>> FailAsync<T>(StepRecord record, int attempt, DateTimeOffset now, string errorName, string message)
    {
        var failed = record with
        {
            Status = StepStatus.Errored,
            Attempts = attempt,
            EndedAt = now,
            ErrorName = errorName,
            ErrorMessage = message,
            WakeAt = null,
        };
        await store.SaveStepAsync(instance.InstanceId, instance.Generation, failed, CancellationToken.None).ConfigureAwait(false);
        state.Remember(failed);
        return () => Task.FromException<T>(new WorkflowStepException(record.Name, errorName, message));
    }

    private Task SleepCore(string name, StepKind kind, Func<DateTimeOffset, DateTimeOffset> dueTime)
    {
        if (WorkflowNames.ValidateStepName(name) is { } problem)
            return Task.FromException(new ArgumentException(problem, nameof(name)));

        var reached = state.Reach(name);
        var now = time.GetUtcNow();
        var isNew = false;
        StepRecord record;
        if (reached.Recorded is { } recorded)
        {
            if (recorded.Kind != kind)
                return NonDeterministic<object?>(recorded, kind);
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
            if (IsPauseRequested())
                return state.BlockForPause<object?>();
            record = state.Begin(reached, kind, StepStatus.Waiting, now, wakeAt);
            isNew = true;
        }

        var due = record.WakeAt ?? now;
        if (!isNew && due > now)
            return state.Suspend<object?>(due);

        var sleeping = record;
        return pump.StartInFlight<object?>(async () =>
        {
            if (isNew && due > now)
            {
                await store.SaveStepAsync(instance.InstanceId, instance.Generation, sleeping, CancellationToken.None).ConfigureAwait(false);
                return () => state.Suspend<object?>(due);
            }
            var done = sleeping with { Status = StepStatus.Complete, EndedAt = time.GetUtcNow() };
            await store.SaveStepAsync(instance.InstanceId, instance.Generation, done, CancellationToken.None).ConfigureAwait(false);
            state.Remember(done);
            return () => Task.FromResult<object?>(null);
        });
    }

    // ---- bookkeeping (callers hold the gate unless noted) ----

    private bool TryCountStep(string name)
    {
        if (state.TryCountStep(name))
            return true;
        pump.Wake();
        return false;
    }

    private Task<T> NonDeterministic<T>(StepRecord recorded, StepKind now)
    {
        state.FailNonDeterministic(recorded, now);
        pump.Wake();
        return NeverTask.Of<T>();
    }

    private bool IsPauseRequested() => pause.IsCancellationRequested;

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
