namespace Workflows.Runtime;

/// <summary>Every branch of the workflow waits; run it again when <see cref="WakeAt"/> passes or an awaited event arrives.</summary>
/// <param name="WakeAt">The earliest due time among sleeps, retry backoffs and wait deadlines; null when only events are awaited.</param>
/// <param name="AwaitedEventTypes">The event types being waited for, sorted, without duplicates.</param>
public sealed record RunSuspended(DateTimeOffset? WakeAt, IReadOnlyList<string> AwaitedEventTypes) : RunOutcome
{
    /// <summary>Equal when the wake time and the awaited event types (in order) are equal.</summary>
    /// <param name="other">The other outcome.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(RunSuspended? other) =>
        other is not null && WakeAt == other.WakeAt && AwaitedEventTypes.SequenceEqual(other.AwaitedEventTypes, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(WakeAt, AwaitedEventTypes.Count);
}
