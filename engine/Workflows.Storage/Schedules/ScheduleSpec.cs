using Cronos;
using Workflows.Sdk;

namespace Workflows.Storage.Schedules;

/// <summary>
/// When a schedule fires: every <c>interval</c> (slots at whole multiples of it from <c>startAt</c>, else from the Unix
/// epoch, so "5 minutes" fires at :00, :05, …) or on a cron expression (5 fields, or 6 with seconds first) in a time
/// zone, Cronos handling daylight-saving transitions (a skipped local time fires once at the jump, a repeated one once);
/// never before <c>startAt</c>, never after <c>endAt</c>.
/// </summary>
public sealed class ScheduleSpec
{
    /// <summary>The shortest interval: slot ids are whole seconds.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>A cap on counting missed slots (a years-long outage of a per-second cron).</summary>
    private const int MaxCountedSlots = 10_000_000;

    private readonly TimeSpan? _every;
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset? _startAt;
    private readonly DateTimeOffset? _endAt;

    private ScheduleSpec(TimeSpan? every, CronExpression? cron, TimeZoneInfo zone, DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        _every = every;
        _cron = cron;
        _zone = zone;
        _startAt = startAt;
        _endAt = endAt;
    }

    /// <summary>The spec, or the problem with the definition (exactly one of every and cron; a valid interval, cron, zone, window).</summary>
    public static ScheduleSpec? TryCreate(string? every, string? cron, string? timeZone, DateTimeOffset? startAt, DateTimeOffset? endAt, out string? problem)
    {
        problem = null;
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(timeZone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                problem = $"timeZone '{timeZone}' is not a known time zone (use an IANA name such as \"Europe/Berlin\").";
                return null;
            }
        }
        if (startAt is { } s && endAt is { } e2 && e2 <= s)
        {
            problem = "endAt must be after startAt.";
            return null;
        }
        switch (every, cron)
        {
            case (null, null):
            case (not null, not null):
                problem = "Give exactly one of every (such as \"5 minutes\") and cron (such as \"*/5 * * * *\").";
                return null;
            case (not null, null):
                if (!Duration.TryParse(every, out var interval))
                {
                    problem = $"every: \"{every}\" is not a duration: write a number and a unit, such as \"30 seconds\" or \"5 minutes\".";
                    return null;
                }
                if (interval.Value < MinInterval)
                {
                    problem = $"every: \"{every}\" is shorter than the minimum of 1 second.";
                    return null;
                }
                // Slots are instance ids to the second, so they must fall on whole seconds.
                if (interval.Value.Ticks % TimeSpan.TicksPerSecond != 0)
                {
                    problem = $"every: \"{every}\" is not a whole number of seconds.";
                    return null;
                }
                return new ScheduleSpec(interval.Value, null, zone, WholeSeconds(startAt), endAt);
            default:
                var fields = cron!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                if (!cron.TrimStart().StartsWith('@') && fields is not (5 or 6))
                {
                    problem = $"cron: \"{cron}\" has {fields} fields; write 5 (minute hour day month weekday) or 6 (seconds first).";
                    return null;
                }
                try
                {
                    return new ScheduleSpec(null, CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard), zone, startAt, endAt);
                }
                catch (CronFormatException e)
                {
                    problem = $"cron: \"{cron}\" is not a cron expression: {e.Message}";
                    return null;
                }
        }
    }

    private static DateTimeOffset? WholeSeconds(DateTimeOffset? instant) => instant is { } i ? ScheduleIds.WholeSeconds(i) : null;

    /// <summary>The first slot strictly after <paramref name="instant"/>; null when the schedule has ended by then.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        DateTimeOffset? next;
        if (_every is { } interval)
        {
            var anchor = _startAt ?? DateTimeOffset.UnixEpoch;
            if (instant < anchor)
                next = anchor;
            else
            {
                var k = (instant - anchor).Ticks / interval.Ticks + 1;
                next = anchor + TimeSpan.FromTicks(k * interval.Ticks);
            }
        }
        else if (_startAt is { } start && instant < start)
            next = _cron!.GetNextOccurrence(start, _zone, inclusive: true);
        else
            next = _cron!.GetNextOccurrence(instant, _zone);
        // In UTC: PostgreSQL stores only offset zero, and ids and comparisons read the same.
        return next is { } n && (_endAt is null || n <= _endAt) ? n.ToUniversalTime() : null;
    }

    /// <summary>The next <paramref name="count"/> slots after <paramref name="instant"/> (fewer when the schedule ends).</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset instant, int count)
    {
        var slots = new List<DateTimeOffset>(count);
        for (var at = instant; slots.Count < count && NextAfter(at) is { } next; at = next)
            slots.Add(next);
        return slots;
    }

    /// <summary>How many slots lie in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    public long CountBetween(DateTimeOffset after, DateTimeOffset until)
    {
        if (until <= after)
            return 0;
        if (_endAt is { } end && until > end)
            until = end;
        if (_every is { } interval)
        {
            var anchor = _startAt ?? DateTimeOffset.UnixEpoch;
            long Index(DateTimeOffset t) => t < anchor ? -1 : (t - anchor).Ticks / interval.Ticks;
            return Math.Max(0, Index(until) - Index(after));
        }
        return _cron!.GetOccurrences(after, until, _zone, fromInclusive: false, toInclusive: true).Take(MaxCountedSlots).LongCount();
    }
}
