using Microsoft.Extensions.Hosting;
using Workflows.Hosting;
using Workflows.Storage.Schedules;

namespace Workflows.Executor.Tests;

/// <summary>Schedules declared in code carry the same window (startAt, endAt) as the API's, checked when declared.</summary>
public sealed class ScheduleExtensionsTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_declared_window_is_kept_on_the_schedule()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddWorkflows().AddSchedule<GreetingWorkflow>("q1-greeting", cron: "0 6 * * 1", startAt: Start, endAt: Start.AddMonths(3));

        var definition = Assert.Single(builder.Services, s => s.ServiceType == typeof(ScheduleDefinition)).ImplementationInstance;

        var declared = Assert.IsType<ScheduleDefinition>(definition);
        Assert.Equal(Start, declared.StartAt);
        Assert.Equal(Start.AddMonths(3), declared.EndAt);
    }

    [Fact]
    public void An_end_not_after_the_start_is_refused_when_declared()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<ArgumentException>(() =>
            builder.AddWorkflows().AddSchedule<GreetingWorkflow>("backwards", every: "1 hour", startAt: Start, endAt: Start));

        Assert.Contains("endAt must be after startAt", error.Message, StringComparison.Ordinal);
    }
}
