using MassTransit.Scheduling;

namespace Workflows.Scheduler.Tests;

/// <summary>A recurring schedule that fires every second (Quartz cron, seconds first).</summary>
public sealed class EverySecondSchedule : DefaultRecurringSchedule
{
    public EverySecondSchedule(string id)
    {
        ScheduleId = id;
        ScheduleGroup = "tests";
        CronExpression = "* * * * * ?";
        TimeZoneId = TimeZoneInfo.Utc.Id;
    }
}
