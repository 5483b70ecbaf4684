using System.Globalization;

namespace Workflows.Sdk;

/// <summary>
/// A non-negative length of time, written as a <see cref="TimeSpan"/>, as milliseconds
/// (<c>int</c>/<c>long</c>) or as text: a number and a unit, such as <c>"10 seconds"</c>,
/// <c>"1 minute"</c>, <c>"2 hours"</c>, <c>"3 days"</c>, <c>"1 week"</c>, <c>"1 month"</c> (30 days),
/// <c>"1 year"</c> (365 days) or <c>"250 ms"</c>. Units are singular or plural
/// (ms, millisecond, second, minute, hour, day, week, month, year), case-insensitive;
/// whitespace around and between the parts is ignored; the number may have a decimal point.
/// </summary>
public readonly record struct Duration
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("millisecond", TimeSpan.FromMilliseconds(1)),
        ("second", TimeSpan.FromSeconds(1)),
        ("minute", TimeSpan.FromMinutes(1)),
        ("hour", TimeSpan.FromHours(1)),
        ("day", TimeSpan.FromDays(1)),
        ("week", TimeSpan.FromDays(7)),
        ("month", TimeSpan.FromDays(30)),
        ("year", TimeSpan.FromDays(365)),
    ];

    private Duration(TimeSpan value) => Value = value;

    /// <summary>The length as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Value { get; }

    /// <summary>A duration from a <see cref="TimeSpan"/>.</summary>
    /// <param name="value">A non-negative time span.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentException">The time span is negative.</exception>
    public static Duration FromTimeSpan(TimeSpan value) =>
        value < TimeSpan.Zero
            ? throw new ArgumentException($"A duration cannot be negative (got {value}).", nameof(value))
            : new Duration(value);

    /// <summary>A duration from milliseconds.</summary>
    /// <param name="milliseconds">A non-negative number of milliseconds.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentException">The number is negative.</exception>
    public static Duration FromMilliseconds(long milliseconds) =>
        milliseconds < 0
            ? throw new ArgumentException($"A duration cannot be negative (got {milliseconds} ms).", nameof(milliseconds))
            : new Duration(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Parses text such as <c>"10 seconds"</c> (see <see cref="Duration"/> for the grammar).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentException">The text is not a duration; the message quotes it.</exception>
    public static Duration Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new ArgumentException(
                $"\"{text}\" is not a duration: write a number and a unit, such as \"10 seconds\" or \"2 hours\" " +
                "(units: ms, millisecond, second, minute, hour, day, week, month, year).", nameof(text));

    /// <summary>Parses text such as <c>"10 seconds"</c>, without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration when the text is valid.</param>
    /// <returns>Whether the text is a valid, non-negative duration.</returns>
    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        if (text is null)
            return false;
        var span = text.AsSpan().Trim();
        var numberLength = 0;
        while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            numberLength++;
        if (numberLength == 0)
            return false;
        if (!double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;
        var unit = span[numberLength..].Trim();
        if (unit.Length > 1 && (unit[^1] == 's' || unit[^1] == 'S') && !unit.Equals("ms", StringComparison.OrdinalIgnoreCase))
            unit = unit[..^1];
        foreach (var (name, size) in Units)
        {
            if (!unit.Equals(name, StringComparison.OrdinalIgnoreCase))
                continue;
            var ticks = amount * size.Ticks;
            if (double.IsNaN(ticks) || ticks >= TimeSpan.MaxValue.Ticks)
                return false;
            duration = new Duration(TimeSpan.FromTicks((long)Math.Round(ticks)));
            return true;
        }
        return false;
    }

    /// <summary>Converts a <see cref="TimeSpan"/>; see <see cref="FromTimeSpan"/>.</summary>
    /// <param name="value">A non-negative time span.</param>
    public static implicit operator Duration(TimeSpan value) => FromTimeSpan(value);

    /// <summary>Converts milliseconds; see <see cref="FromMilliseconds"/>.</summary>
    /// <param name="milliseconds">A non-negative number of milliseconds.</param>
    public static implicit operator Duration(int milliseconds) => FromMilliseconds(milliseconds);

    /// <summary>Converts milliseconds; see <see cref="FromMilliseconds"/>.</summary>
    /// <param name="milliseconds">A non-negative number of milliseconds.</param>
    public static implicit operator Duration(long milliseconds) => FromMilliseconds(milliseconds);

    /// <summary>Parses text; see <see cref="Parse"/>.</summary>
    /// <param name="text">Text such as "10 seconds".</param>
    public static implicit operator Duration(string text) => Parse(text);

    /// <summary>The length as a <see cref="TimeSpan"/>.</summary>
    /// <param name="duration">The duration.</param>
    public static implicit operator TimeSpan(Duration duration) => duration.Value;

    /// <summary>The length as a <see cref="TimeSpan"/>.</summary>
    /// <returns>The time span.</returns>
    public TimeSpan ToTimeSpan() => Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString("c", CultureInfo.InvariantCulture);
}
