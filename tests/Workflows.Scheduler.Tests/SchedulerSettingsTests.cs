using Workflows.Testing;

namespace Workflows.Scheduler.Tests;

public sealed class SchedulerSettingsTests
{
    [Fact]
    public async Task A_scheduler_with_an_invalid_thread_count_exits_non_zero_with_one_line_naming_the_section()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused;Username=x;Password=x",
            ["ConnectionStrings:RabbitMq"] = "amqp://x:x@127.0.0.1:5672/unused",
            ["Scheduler:ThreadCount"] = "0",
        };
        await using var process = ServiceProcess.Start("Workflows.Scheduler", settings);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Scheduler:ThreadCount: The field ThreadCount must be between 1 and 256.", line, StringComparison.Ordinal);
    }
}
