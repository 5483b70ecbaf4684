namespace Workflows.Scheduler.Consumers;

internal static class DueTimes
{
    // MassTransit sends scheduled times in UTC; an unspecified kind is read as UTC, not as the Scheduler's local time.
    public static DateTimeOffset ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
    };

    public static DateTimeOffset? ToUtc(DateTime? time) => time is { } t ? ToUtc(t) : null;
}
