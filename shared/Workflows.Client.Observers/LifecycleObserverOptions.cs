namespace Workflows.Client.Observers;

/// <summary>Which instances an observer hears about, and the queue it reads from.</summary>
public sealed class LifecycleObserverOptions
{
    /// <summary>Only instances of these workflows; empty means every workflow.</summary>
    public IReadOnlyCollection<string> Workflows { get; set; } = [];

    /// <summary>Only instances whose metadata holds every one of these key/value pairs; null means no filter.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>
    /// The observer's durable queue, shared by the replicas of one service (they share its events) and distinct between
    /// services (each gets every event). Default: <c>workflows-observer-</c> and the observer's type name in kebab case.
    /// </summary>
    public string? QueueName { get; set; }

    /// <summary>Whether an event passes the filters.</summary>
    /// <param name="workflow">The instance's workflow.</param>
    /// <param name="metadata">The instance's metadata, if any.</param>
    /// <returns>True when the observer is told.</returns>
    public bool Selects(string workflow, IReadOnlyDictionary<string, string>? metadata)
    {
        if (Workflows.Count > 0 && !Workflows.Contains(workflow, StringComparer.Ordinal))
            return false;
        if (Metadata is null || Metadata.Count == 0)
            return true;
        return metadata is not null && Metadata.All(m => metadata.TryGetValue(m.Key, out var value) && value == m.Value);
    }
}
