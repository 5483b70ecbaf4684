using System.Text.Json;
using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task WhenAll_of_steps_runs_each_step_once_and_returns_every_result()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
                step.Do("item", async _ =>
                {
                    h.Script.Hit($"item{i}");
                    await Task.Yield();
                    return i * i;
                })));
            await step.Sleep("nap", "1 second");
            return results.Sum();
        };

        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var done = await h.RunAsync();

        Assert.Equal("55", done.CompletedJson());
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(1, h.Script.Count($"item{i}")));
        Assert.Equal("25", (await h.StepAsync("item", 5)).ResultJson);
    }

    [Fact]
    public async Task Concurrent_waits_suspend_with_the_earliest_wake_time_and_every_event_type()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await Task.WhenAll(
                step.Sleep("nap", "1 hour"),
                step.WaitForEvent<int>("x", new WaitForEventOptions { Type = "x", Timeout = "10 minutes" }),
                step.WaitForEvent<int>("y", new WaitForEventOptions { Type = "y", Timeout = "2 hours" }),
                step.Do("work", _ => Task.FromResult(1)));
            return null;
        });

        var suspended = (await h.RunAsync()).Suspended();

        Assert.Equal(Harness.Start.AddMinutes(10), suspended.WakeAt);
        Assert.Equal(["x", "y"], suspended.AwaitedEventTypes);
        Assert.Equal(StepStatus.Complete, (await h.StepAsync("work")).Status);
    }

    [Fact]
    public async Task A_sleep_inside_catch_all_still_suspends_and_is_not_swallowed()
    {
        var caught = 0;
        using var h = new Harness(async (_, step, _) =>
        {
            try
            {
                await step.Sleep("nap", "1 hour");
                await step.WaitForEvent<JsonElement>("wait", new WaitForEventOptions { Type = "go" });
            }
            catch (Exception)
            {
                caught++;
                return "swallowed";
            }
            return "done";
        });

        var first = await h.RunAsync();
        h.Time.Advance(TimeSpan.FromHours(1));
        var second = await h.RunAsync();

        Assert.Equal(Harness.Start.AddHours(1), first.Suspended().WakeAt);
        Assert.Equal(["go"], second.Suspended().AwaitedEventTypes);
        Assert.Equal(0, caught);
    }

    [Fact]
    public async Task Non_durable_awaits_in_workflow_code_do_not_end_the_run_early()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await Task.Run(() => Thread.Sleep(5));
            var a = await step.Do("a", _ => Task.FromResult(1));
            await Task.Yield();
            return a + 1;
        });

        Assert.Equal("2", (await h.RunAsync()).CompletedJson());
    }
}
