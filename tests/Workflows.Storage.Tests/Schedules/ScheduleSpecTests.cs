using Workflows.Storage.Schedules;

namespace Workflows.Storage.Tests.Schedules;

public sealed class ScheduleSpecTests
{
    private static ScheduleSpec Spec(string? every = null, string? cron = null, string? timeZone = null, DateTimeOffset? startAt = null, DateTimeOffset? endAt = null) =>
        ScheduleSpec.TryCreate(every, cron, timeZone, startAt, endAt, out var problem) ?? throw new InvalidOperationException(problem);

    private static string? Problem(string? every = null, string? cron = null, string? timeZone = null)
    {
        ScheduleSpec.TryCreate(every, cron, timeZone, null, null, out var problem);
        return problem;
    }

    [Fact]
    public void Every_fires_on_whole_multiples_of_the_interval_from_the_epoch()
    {
        var spec = Spec(every: "5 minutes");
        var slots = spec.Next(DateTimeOffset.Parse("2026-12-01T12:03:17Z"), 3);
        Assert.Equal(
            [DateTimeOffset.Parse("2026-12-01T12:05:00Z"), DateTimeOffset.Parse("2026-12-01T12:10:00Z"), DateTimeOffset.Parse("2026-12-01T12:15:00Z")],
            slots);
        Assert.Equal("sync-crm-20261201T120500Z", ScheduleIds.FireId("sync-crm", slots[0]));
    }

    [Fact]
    public void Every_counts_from_startAt_and_stops_at_endAt()
    {
        var start = DateTimeOffset.Parse("2026-12-01T12:00:07Z");
        var spec = Spec(every: "10 seconds", startAt: start, endAt: start.AddSeconds(20));
        Assert.Equal([start, start.AddSeconds(10), start.AddSeconds(20)], spec.Next(start.AddHours(-1), 5));
        Assert.Null(spec.NextAfter(start.AddSeconds(20)));
    }

    [Fact]
    public void Cron_in_Berlin_across_the_spring_daylight_saving_change_fires_once_at_the_jump()
    {
        // 2027-03-28: Berlin's clocks go from 02:00 CET to 03:00 CEST, so 02:30 does not exist that day.
        var spec = Spec(cron: "30 2 * * *", timeZone: "Europe/Berlin");
        var slots = spec.Next(DateTimeOffset.Parse("2027-03-26T12:00:00Z"), 4);
        Assert.Equal(
        [
            DateTimeOffset.Parse("2027-03-27T01:30:00Z"), // 02:30 CET
            DateTimeOffset.Parse("2027-03-28T01:00:00Z"), // 03:00 CEST, the jump
            DateTimeOffset.Parse("2027-03-29T00:30:00Z"), // 02:30 CEST
            DateTimeOffset.Parse("2027-03-30T00:30:00Z"),
        ], slots);
    }

    [Fact]
    public void Cron_in_Berlin_across_the_autumn_change_fires_a_repeated_local_time_once()
    {
        // 2027-10-31: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice; it fires at the first.
        var spec = Spec(cron: "30 2 * * *", timeZone: "Europe/Berlin");
        var slots = spec.Next(DateTimeOffset.Parse("2027-10-30T12:00:00Z"), 2);
        Assert.Equal([DateTimeOffset.Parse("2027-10-31T00:30:00Z"), DateTimeOffset.Parse("2027-11-01T01:30:00Z")], slots);
    }

    [Fact]
    public void Cron_with_six_fields_has_seconds_first()
    {
        var spec = Spec(cron: "*/15 * * * * *");
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T12:00:15Z"), spec.NextAfter(DateTimeOffset.Parse("2026-12-01T12:00:01Z")));
    }

    [Fact]
    public void Missed_slots_are_counted_between_two_instants()
    {
        var spec = Spec(every: "2 seconds");
        var from = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
        Assert.Equal(5, spec.CountBetween(from, from.AddSeconds(10)));
        Assert.Equal(3, Spec(cron: "0 * * * *").CountBetween(from, from.AddHours(3)));
    }

    [Theory]
    [InlineData("500 ms", null, null, "shorter than the minimum of 1 second")]
    [InlineData("1.5 seconds", null, null, "not a whole number of seconds")]
    [InlineData("soon", null, null, "is not a duration")]
    [InlineData(null, "* * *", null, "has 3 fields")]
    [InlineData(null, "61 * * * *", null, "is not a cron expression")]
    [InlineData(null, "*/5 * * * *", "Mars/Olympus", "is not a known time zone")]
    [InlineData("5 minutes", "*/5 * * * *", null, "exactly one of every")]
    [InlineData(null, null, null, "exactly one of every")]
    public void An_invalid_timing_is_refused_with_the_reason(string? every, string? cron, string? timeZone, string expected) =>
        Assert.Contains(expected, Problem(every, cron, timeZone), StringComparison.Ordinal);

    [Theory]
    [InlineData("sync-crm", null)]
    [InlineData("-leading", "must not start with '-'")]
    [InlineData("has space", "may hold only")]
    public void Schedule_ids_follow_the_instance_id_rules(string id, string? expected)
    {
        var problem = ScheduleIds.Validate(id);
        if (expected is null)
            Assert.Null(problem);
        else
            Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_id_leaves_room_for_the_slot_in_its_instance_ids()
    {
        var longest = new string('a', ScheduleIds.MaxLength);
        Assert.Null(ScheduleIds.Validate(longest));
        Assert.NotNull(ScheduleIds.Validate(longest + "a"));
        var fireId = ScheduleIds.FireId(longest, DateTimeOffset.Parse("2026-12-01T12:05:00Z"));
        Assert.Null(Workflows.Runtime.InstanceIds.Validate(fireId));
        Assert.True(ScheduleIds.TryParseFireId(fireId, out var parsed));
        Assert.Equal(longest, parsed);
        Assert.False(ScheduleIds.TryParseFireId("order-42", out _));
    }
}
