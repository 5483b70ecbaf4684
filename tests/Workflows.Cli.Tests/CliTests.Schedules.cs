namespace Workflows.Cli.Tests;

/// <summary><c>workflows schedules …</c>, on the same stack as the other commands.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task A_schedule_is_put_listed_described_triggered_paused_and_deleted()
    {
        var put = await Cli("schedules", "put", "cli-hourly", "--workflow", "echo", "--every", "1 hour", "--params", "{\"n\": 1}", "--json");
        put.AssertOk();
        Assert.Equal("active", put.Json["state"]!.GetValue<string>());
        Assert.Equal(5, put.Json["nextFireTimes"]!.AsArray().Count);

        var list = await Cli("schedules", "list");
        list.AssertOk();
        Assert.StartsWith("ID", list.Out, StringComparison.Ordinal);
        Assert.Contains("cli-hourly", list.Out, StringComparison.Ordinal);
        Assert.Contains("every 1 hour", list.Out, StringComparison.Ordinal);

        var trigger = await Cli("schedules", "trigger", "cli-hourly");
        trigger.AssertOk();
        Assert.Contains("fired as instance cli-hourly-", trigger.Out, StringComparison.Ordinal);

        var paused = await Cli("schedules", "pause", "cli-hourly");
        paused.AssertOk();
        Assert.Contains("No next fire times", paused.Out, StringComparison.Ordinal);

        var describe = await Cli("schedules", "describe", "cli-hourly", "--json");
        describe.AssertOk();
        Assert.Equal("paused", describe.Json["state"]!.GetValue<string>());
        Assert.Equal(1, describe.Json["counts"]!["fired"]!.GetValue<long>());

        (await Cli("schedules", "delete", "cli-hourly")).AssertOk();
        (await Cli("schedules", "describe", "cli-hourly")).AssertFailed(ExitCodes.NotFound, "There is no schedule 'cli-hourly'.");
    }

    [Fact]
    public async Task A_schedule_needs_exactly_one_of_every_and_cron_and_a_valid_interval()
    {
        var neither = await Cli("schedules", "put", "cli-bad", "--workflow", "echo");
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
        Assert.Contains("exactly one of --every and --cron", neither.Error, StringComparison.Ordinal);

        (await Cli("schedules", "put", "cli-bad", "--workflow", "echo", "--every", "10 ms")).AssertFailed(ExitCodes.Rejected, "minimum of 1 second");
    }
}
