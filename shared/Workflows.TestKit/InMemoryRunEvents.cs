using System.Collections.Concurrent;
using Workflows.Runtime;

namespace Workflows.TestKit;

/// <summary>The test environment's <see cref="IRunEvents"/>: every instance's step attempts, sleeps, waits and progress, in order.</summary>
public sealed class InMemoryRunEvents : IRunEvents
{
    private readonly ConcurrentDictionary<string, List<RunEvent>> byInstance = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task RecordAsync(InstanceDescriptor instance, RunEvent evt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var events = byInstance.GetOrAdd(instance.InstanceId, _ => []);
        lock (events)
            events.Add(evt);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>What an instance's runs reported so far, oldest first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <returns>A copy of the events.</returns>
    public IReadOnlyList<RunEvent> Of(string instanceId)
    {
        if (!byInstance.TryGetValue(instanceId, out var events))
            return [];
        lock (events)
            return [.. events];
    }
}
