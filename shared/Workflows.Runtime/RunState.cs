using System.Runtime.ExceptionServices;

namespace Workflows.Runtime;

/// <summary>One run's mutable state behind one lock (records, occurrences, what idle branches wait for, counts, why it stops); safe from any thread.</summary>
internal sealed class RunState(IReadOnlyList<StepRecord> history, int maxSteps)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StepRecord> records = history.ToDictionary(r => r.Key, StringComparer.Ordinal);
    private readonly Dictionary<string, int> occurrences = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> wakeTimes = [];
    private readonly SortedSet<string> awaitedEventTypes = new(StringComparer.Ordinal);
    private int nextSequence = history.Count == 0 ? 1 : history.Max(r => r.Sequence) + 1;
    private int countedSteps = history.Count(r => CountsTowardLimit(r.Kind));
    private int inFlight;
    private bool blockedByPause;
    private readonly Dictionary<string, RollbackEntry> rollbacks = new(StringComparer.Ordinal);
    private RunFailed? fatal;
    private Exception? infrastructureError;

    /// <summary>Takes the next occurrence of <paramref name="name"/> and looks up what history holds for it.</summary>
    public ReachedStep Reach(string name)
    {
        lock (gate)
        {
            var occurrence = occurrences.GetValueOrDefault(name) + 1;
            occurrences[name] = occurrence;
            var key = StepKey.Format(name, occurrence);
            return new ReachedStep(key, name, occurrence, records.GetValueOrDefault(key));
        }
    }

    /// <summary>Records a step reached for the first time, numbered in the order steps are first reached.</summary>
    public StepRecord Begin(ReachedStep step, StepKind kind, StepStatus status, DateTimeOffset startedAt, DateTimeOffset? wakeAt = null, string? eventType = null)
    {
        lock (gate)
        {
            var record = new StepRecord
            {
                Key = step.Key,
                Name = step.Name,
                Occurrence = step.Occurrence,
                Sequence = nextSequence++,
                Kind = kind,
                Status = status,
                StartedAt = startedAt,
                WakeAt = wakeAt,
                EventType = eventType,
            };
            records[step.Key] = record;
            return record;
        }
    }

    /// <summary>What history (or this run) holds for a key, if anything.</summary>
    public StepRecord? Find(string key)
    {
        lock (gate)
            return records.GetValueOrDefault(key);
    }

    /// <summary>The persisted attempt count of the step with <paramref name="key"/>; 0 when it has none.</summary>
    public int AttemptsOf(string key)
    {
        lock (gate)
            return records.TryGetValue(key, out var record) ? record.Attempts : 0;
    }

    /// <summary>Registers the rollback of a completed step (on its first run or its replay).</summary>
    public void AddRollback(RollbackEntry entry)
    {
        lock (gate)
            rollbacks[entry.Step.Key] = entry;
    }

    /// <summary>The registered rollbacks, latest-started step first.</summary>
    public IReadOnlyList<RollbackEntry> Rollbacks()
    {
        lock (gate)
            return [.. rollbacks.Values.OrderByDescending(r => r.Step.Sequence)];
    }

    /// <summary>True when no step is in flight.</summary>
    public bool Quiet
    {
        get
        {
            lock (gate)
                return inFlight == 0;
        }
    }

    /// <summary>Thread CPU time of every step attempt recorded so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            lock (gate)
                return records.Values.Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.CpuTime ?? TimeSpan.Zero));
        }
    }

    /// <summary>Keeps the in-memory view in step with what was persisted.</summary>
    public void Remember(StepRecord record)
    {
        lock (gate)
            records[record.Key] = record;
    }

    /// <summary>Counts a new step; at the limit, marks the run failed instead and returns false.</summary>
    public bool TryCountStep(string name)
    {
        lock (gate)
        {
            if (countedSteps >= maxSteps)
            {
                fatal ??= RunOutcome.Failed(
                    RuntimeErrorNames.StepLimitExceeded,
                    $"The instance reached its limit of {maxSteps:N0} steps (sleeps do not count) at step '{name}'.");
                return false;
            }
            countedSteps++;
            return true;
        }
    }

    /// <summary>Marks the run failed: the workflow called a recorded step as another kind.</summary>
    public void FailNonDeterministic(StepRecord recorded, StepKind now)
    {
        lock (gate)
        {
            fatal ??= RunOutcome.Failed(
                RuntimeErrorNames.NonDeterministicWorkflow,
                $"Step '{recorded.Key}' was a {recorded.Kind} step when it first ran, but the workflow now calls it as {now}: " +
                "a workflow must make the same step calls in the same order on every run.");
        }
    }

    /// <summary>Stops a branch at a step it may not start while a pause is requested; the run ends paused.</summary>
    public Task<T> BlockForPause<T>()
    {
        lock (gate)
            blockedByPause = true;
        return NeverTask.Of<T>();
    }

    /// <summary>The one way a branch suspends: records its wake time and/or awaited event type and never completes in this run.</summary>
    public Task<T> Suspend<T>(DateTimeOffset? wakeAt, string? eventType = null)
    {
        lock (gate)
        {
            if (wakeAt is { } at)
                wakeTimes.Add(at);
            if (eventType is not null)
                awaitedEventTypes.Add(eventType);
        }
        return NeverTask.Of<T>();
    }

    /// <summary>Stops the run with a store (or other runtime) failure, which the pump rethrows.</summary>
    public Task<T> FailInfrastructure<T>(Exception error)
    {
        lock (gate)
            infrastructureError ??= error;
        return NeverTask.Of<T>();
    }

    public void InFlightStarted()
    {
        lock (gate)
            inFlight++;
    }

    public void InFlightEnded()
    {
        lock (gate)
            inFlight--;
    }

    /// <summary>Rethrows a store failure; else the outcome that stops the run early (step limit, non-determinism), if any.</summary>
    public RunFailed? FatalOutcome()
    {
        lock (gate)
        {
            if (infrastructureError is not null)
                ExceptionDispatchInfo.Throw(infrastructureError);
            return fatal;
        }
    }

    /// <summary>When nothing is in flight and some branch waits, how the run ends; null while it can still progress.</summary>
    public RunOutcome? IdleOutcome(CancellationToken pause)
    {
        lock (gate)
        {
            if (inFlight != 0 || (wakeTimes.Count == 0 && awaitedEventTypes.Count == 0 && !blockedByPause))
                return null;
            return pause.IsCancellationRequested || blockedByPause
                ? new RunPaused()
                : RunOutcome.Suspended(wakeTimes.Count > 0 ? wakeTimes.Min() : null, [.. awaitedEventTypes]);
        }
    }

    private static bool CountsTowardLimit(StepKind kind) => kind is StepKind.Do or StepKind.WaitForEvent or StepKind.Invoke;
}
