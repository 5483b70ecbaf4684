using System.Globalization;

namespace Workflows.Webhooks.Verification;

/// <summary>The replay window of the timestamped schemes.</summary>
internal static class Timestamps
{
    /// <summary>Whether <paramref name="unixSeconds"/> is a time no further than <paramref name="tolerance"/> from now, before or after.</summary>
    public static bool WithinTolerance(string? unixSeconds, DateTimeOffset now, TimeSpan tolerance) =>
        long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= (long)tolerance.TotalSeconds;
}
