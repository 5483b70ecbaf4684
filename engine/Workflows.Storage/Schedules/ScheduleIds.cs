using System.Globalization;
using Workflows.Runtime;

namespace Workflows.Storage.Schedules;

/// <summary>
/// Schedule ids and the ids of the instances they fire: <c>{scheduleId}-{yyyyMMddTHHmmssZ}</c> of the slot (the
/// scheduled time, not the time it ran), so a firing delivered twice creates one instance.
/// </summary>
public static class ScheduleIds
{
    private const string SlotFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>"-" and the 16 characters of the slot.</summary>
    private const int SuffixLength = 17;

    /// <summary>So that a firing's id stays a valid instance id (at most <see cref="InstanceIds.MaxLength"/>).</summary>
    public const int MaxLength = InstanceIds.MaxLength - SuffixLength;

    /// <summary>1–83 chars of [A-Za-z0-9_-], first not '-'. Returns the problem, or null when valid.</summary>
    public static string? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "the schedule id is empty";
        if (id.Length > MaxLength) return $"the schedule id is {id.Length} characters; at most {MaxLength} are allowed (its firings' instance ids add 17)";
        return InstanceIds.Validate(id)?.Replace("instance id", "schedule id", StringComparison.Ordinal);
    }

    /// <summary>The instance id of the firing for <paramref name="slot"/> (whole seconds, UTC).</summary>
    public static string FireId(string scheduleId, DateTimeOffset slot) =>
        $"{scheduleId}-{slot.UtcDateTime.ToString(SlotFormat, CultureInfo.InvariantCulture)}";

    /// <summary>The schedule of an instance id made by <see cref="FireId"/>; false for any other id.</summary>
    public static bool TryParseFireId(string instanceId, out string scheduleId)
    {
        scheduleId = "";
        if (instanceId.Length <= SuffixLength || instanceId[^SuffixLength] != '-'
            || !DateTime.TryParseExact(instanceId.AsSpan(instanceId.Length - SuffixLength + 1), SlotFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
            return false;
        scheduleId = instanceId[..^SuffixLength];
        return Validate(scheduleId) is null;
    }

    /// <summary>A slot in the precision of its id: whole seconds.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
