using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>A <c>Do</c> step's attempts, in flight: timeout each, retry with backoff, stop on non-retryable or the limit, suspend on a long backoff.</summary>
internal sealed class StepAttempts(StepHost host, IStepOverrides? overrides)
{
    // CancellationTokenSource timers cannot exceed ~49.7 days; longer step timeouts simply never fire.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public async Task<Func<Task<T>>> RunAsync<T>(StepRecord record, StepConfig config, Func<CancellationToken, Task<T>> fn)
    {
        var policy = config.Retries ?? RetryPolicy.Default;
        // Mocks replace step bodies, never the rollbacks named after them.
        var replacement = record.Kind == StepKind.Do ? overrides?.Find(host.Instance.InstanceId, record.Name) : null;
        var attempt = record.Attempts;
        while (true)
        {
            attempt++;
            if (host.Terminate.IsCancellationRequested)
                return NeverTask.Of<T>;

            using var activity = WorkflowDiagnostics.Source.StartActivity($"step {record.Name}");
            activity?.SetTag(WorkflowDiagnostics.InstanceIdTag, host.Instance.InstanceId);
            activity?.SetTag(WorkflowDiagnostics.WorkflowTag, host.Instance.WorkflowName);
            activity?.SetTag(WorkflowDiagnostics.StepTag, record.Name);
            activity?.SetTag(WorkflowDiagnostics.AttemptTag, attempt);
            using var scope = host.Logger.BeginScope(new Dictionary<string, object>
            {
                [WorkflowDiagnostics.StepTag] = record.Name,
                [WorkflowDiagnostics.AttemptTag] = attempt,
            });
            var started = Stopwatch.GetTimestamp();

            using var timeout = config.Timeout.Value < MaxTimerDelay
                ? new CancellationTokenSource(config.Timeout.Value, host.Time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, host.Terminate);
            string? json = null;
            Exception? error = null;
            await host.RecordAsync(RunEventKind.StepStarted, record.Name, attempt).ConfigureAwait(false);
            StepContext.Current = new StepContext(host.Instance.InstanceId, record.Name, attempt);
            var cpu = CpuMeter.Start();
            try
            {
                var value = replacement is not null
                    ? await replacement(linked.Token).ConfigureAwait(false)
                    : await fn(linked.Token).ConfigureAwait(false);
                CpuMeter.Stop();
                json = StepResultJson.Serialize<T>(value);
            }
            catch (Exception ex)
            {
                error = ex;
            }
            finally
            {
                CpuMeter.Stop();
                StepContext.Current = null;
            }
            record = Measured(record, activity, cpu);

            // A terminated attempt leaves no trace: nothing runs after terminate.
            if (host.Terminate.IsCancellationRequested)
                return NeverTask.Of<T>;

            var now = host.Time.GetUtcNow();
            if (error is null)
            {
                var size = Encoding.UTF8.GetByteCount(json!);
                if (size > host.Options.MaxStepResultBytes)
                {
                    var tooLarge = $"Step '{record.Name}' returned {size:N0} bytes of JSON; the limit is {host.Options.MaxStepResultBytes:N0} bytes.";
                    activity?.SetStatus(ActivityStatusCode.Error, tooLarge);
                    Count(record, WorkflowDiagnostics.Failure, activity, started, RuntimeErrorNames.PayloadTooLarge);
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
                    Count(record, WorkflowDiagnostics.Failure, activity, started, ex.GetType().Name);
                    return await FailAsync<T>(record, attempt, now, ex.GetType().Name, unreadable).ConfigureAwait(false);
                }
                await host.SaveAsync(done).ConfigureAwait(false);
                Count(record, WorkflowDiagnostics.Success, activity, started);
                await host.RecordAsync(RunEventKind.StepCompleted, record.Name, attempt, json).ConfigureAwait(false);
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
                {
                    Count(record, WorkflowDiagnostics.Failure, activity, started, errorName);
                    return await FailAsync<T>(record, attempt, now, errorName, message).ConfigureAwait(false);
                }
                delay = policy.DelayAfter(attempt, error);
                Count(record, WorkflowDiagnostics.Retry, activity, started, errorName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Count(record, WorkflowDiagnostics.Failure, activity, started, ex.GetType().Name);
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
            await host.SaveAsync(record).ConfigureAwait(false);
            await host.RecordAsync(RunEventKind.StepErrored, record.Name, attempt, StepHost.ErrorJson(errorName, message)).ConfigureAwait(false);

            if (delay > host.Options.InlineRetryThreshold || host.PauseRequested)
                return () => host.State.Suspend<T>(wakeAt);
            try
            {
                await Task.Delay(delay, host.Time, host.Terminate).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return NeverTask.Of<T>;
            }
        }
    }

    /// <summary>Adds the attempt's CPU time to the record (persisted with its outcome) and to its span.</summary>
    private StepRecord Measured(StepRecord record, Activity? activity, CpuMeter? cpu)
    {
        if (cpu is null)
            return record;
        activity?.SetTag(WorkflowDiagnostics.CpuTimeTag, cpu.Elapsed.TotalMilliseconds);
        WorkflowDiagnostics.StepCpuTime.Record(cpu.Elapsed.TotalSeconds, new TagList
        {
            { WorkflowDiagnostics.WorkflowTag, host.Instance.WorkflowName },
            { WorkflowDiagnostics.StepTag, record.Name },
        });
        return record with { CpuTime = (record.CpuTime ?? TimeSpan.Zero) + cpu.Elapsed };
    }

    /// <summary>The attempt's outcome on its span and the step instruments.</summary>
    private void Count(StepRecord record, string outcome, Activity? activity, long started, string? error = null)
    {
        activity?.SetTag(WorkflowDiagnostics.OutcomeTag, outcome);
        if (error is not null)
            activity?.SetTag(WorkflowDiagnostics.ErrorTag, error);
        var tags = new TagList
        {
            { WorkflowDiagnostics.WorkflowTag, host.Instance.WorkflowName },
            { WorkflowDiagnostics.StepTag, record.Name },
            { WorkflowDiagnostics.OutcomeTag, outcome },
        };
        WorkflowDiagnostics.StepAttempts.Add(1, tags);
        WorkflowDiagnostics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (error is not null)
            WorkflowDiagnostics.StepFailures.Add(1, new TagList
            {
                { WorkflowDiagnostics.WorkflowTag, host.Instance.WorkflowName },
                { WorkflowDiagnostics.StepTag, record.Name },
                { WorkflowDiagnostics.ErrorTag, error },
            });
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
        await host.SaveAsync(failed).ConfigureAwait(false);
        await host.RecordAsync(RunEventKind.StepErrored, record.Name, attempt, StepHost.ErrorJson(errorName, message)).ConfigureAwait(false);
        return () => Task.FromException<T>(new WorkflowStepException(record.Name, errorName, message));
    }
}
