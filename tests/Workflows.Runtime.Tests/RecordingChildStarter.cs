using System.Collections.Concurrent;

namespace Workflows.Runtime.Tests;

/// <summary>Records the children a run starts (idempotent by id, like the Orchestrator's create).</summary>
public sealed class RecordingChildStarter : IChildWorkflowStarter
{
    private readonly ConcurrentDictionary<string, ChildStart> started = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public IReadOnlyCollection<ChildStart> Started => [.. started.Values.OrderBy(c => c.InstanceId, StringComparer.Ordinal)];

    public Task<string?> StartAsync(ChildStart child, CancellationToken ct)
    {
        Calls++;
        started.TryAdd(child.InstanceId, child);
        return Task.FromResult<string?>(null);
    }
}
