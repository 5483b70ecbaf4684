namespace Workflows.Runtime;

/// <summary>A thread-safe <see cref="IHistoryStore"/> in memory, for tests and the one-process demo.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string InstanceId, long Generation), Dictionary<string, StepRecord>> steps = [];
    private readonly Dictionary<string, List<BufferedEvent>> inboxes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default)
    {
        lock (gate)
        {
            IReadOnlyList<StepRecord> result = steps.TryGetValue((instanceId, generation), out var records)
                ? [.. records.Values.OrderBy(r => r.Sequence)]
                : [];
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (gate)
            Generation(instanceId, generation)[step.Key] = step;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        lock (gate)
        {
            if (!inboxes.TryGetValue(evt.InstanceId, out var inbox))
                inboxes[evt.InstanceId] = inbox = [];
            if (inbox.Exists(e => e.Event.EventId == evt.EventId))
                return Task.FromResult(false);
            inbox.Add(new BufferedEvent(evt));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(waitingStep);
        lock (gate)
        {
            if (!inboxes.TryGetValue(instanceId, out var inbox))
                return Task.FromResult<InboxEvent?>(null);
            // A second run of the instance at the same wait gets the event the first run took.
            var taken = inbox.Find(e => e.ConsumedBy == (generation, waitingStep.Key));
            if (taken is not null)
                return Task.FromResult<InboxEvent?>(taken.Event);
            var buffered = inbox.Find(e => e.ConsumedBy is null && e.Event.Type == waitingStep.EventType);
            if (buffered is null)
                return Task.FromResult<InboxEvent?>(null);
            buffered.ConsumedBy = (generation, waitingStep.Key);
            Generation(instanceId, generation)[waitingStep.Key] = waitingStep with
            {
                Status = StepStatus.Complete,
                EndedAt = now,
                ResultJson = buffered.Event.ToResultJson(),
            };
            return Task.FromResult<InboxEvent?>(buffered.Event);
        }
    }

    /// <inheritdoc />
    public Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default)
    {
        lock (gate)
        {
            if (!steps.TryGetValue((instanceId, fromGeneration), out var source) || !source.TryGetValue(fromStepKey, out var from))
                throw new KeyNotFoundException($"Instance '{instanceId}' generation {fromGeneration} has no step '{fromStepKey}'.");
            var target = Generation(instanceId, toGeneration);
            var copied = 0;
            foreach (var step in source.Values.Where(s => s.Sequence < from.Sequence))
            {
                target[step.Key] = step;
                copied++;
            }
            return Task.FromResult(copied);
        }
    }

    /// <summary>The events of an instance not yet consumed by any wait, oldest first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>The buffered events.</returns>
    public IReadOnlyList<InboxEvent> PendingEvents(string instanceId)
    {
        lock (gate)
            return inboxes.TryGetValue(instanceId, out var inbox)
                ? [.. inbox.Where(e => e.ConsumedBy is null).Select(e => e.Event)]
                : [];
    }

    private Dictionary<string, StepRecord> Generation(string instanceId, long generation)
    {
        if (!steps.TryGetValue((instanceId, generation), out var records))
            steps[(instanceId, generation)] = records = new(StringComparer.Ordinal);
        return records;
    }

    private sealed class BufferedEvent(InboxEvent evt)
    {
        public InboxEvent Event { get; } = evt;

        public (long Generation, string StepKey)? ConsumedBy { get; set; }
    }
}
