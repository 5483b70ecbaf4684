namespace Workflows.Client.Observers;

/// <summary>One registered observer: its type, filters and queue (the observers' bus makes an endpoint of each).</summary>
/// <param name="ObserverType">The <see cref="ILifecycleObserver"/> implementation.</param>
/// <param name="Options">Its filters and queue name.</param>
public sealed record LifecycleObserverRegistration(Type ObserverType, LifecycleObserverOptions Options)
{
    /// <summary>The queue this observer reads: <see cref="LifecycleObserverOptions.QueueName"/> or one derived from the type's name.</summary>
    public string QueueName => Options.QueueName ?? "workflows-observer-" + KebabCase(ObserverType.Name);

    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
