namespace Workflows.Runtime;

/// <summary>
/// How one run of an instance ended: <see cref="RunCompleted"/>, <see cref="RunSuspended"/>,
/// <see cref="RunFailed"/>, <see cref="RunPaused"/> or <see cref="RunTerminated"/>.
/// </summary>
public abstract record RunOutcome
{
    private protected RunOutcome()
    {
    }

    /// <summary>The workflow returned.</summary>
    /// <param name="outputJson">Its output as JSON (<c>null</c> allowed).</param>
    /// <returns>The outcome.</returns>
    public static RunCompleted Completed(string outputJson) => new(outputJson);

    /// <summary>Every branch of the workflow waits.</summary>
    /// <param name="wakeAt">The earliest time a sleep, retry or wait deadline is due, if any.</param>
    /// <param name="awaitedEventTypes">The event types being waited for.</param>
    /// <returns>The outcome.</returns>
    public static RunSuspended Suspended(DateTimeOffset? wakeAt, IReadOnlyList<string> awaitedEventTypes) => new(wakeAt, awaitedEventTypes);

    /// <summary>The instance failed for good.</summary>
    /// <param name="errorName">The error's type name (or one of <see cref="RuntimeErrorNames"/>).</param>
    /// <param name="message">The error message.</param>
    /// <returns>The outcome.</returns>
    public static RunFailed Failed(string errorName, string message) => new(errorName, message);
}
