namespace Workflows.Runtime.Tests;

public class SleepTests
{
    [Fact]
    public async Task Sleep_suspends_until_its_due_time_and_then_resumes()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Sleep("nap", "1 hour");
            return "awake";
        });

        var first = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(59));
        var early = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await h.RunAsync();

        Assert.Equal(Harness.Start.AddHours(1), first.WakeAt);
        Assert.Empty(first.AwaitedEventTypes);
        Assert.Equal(first.WakeAt, early.WakeAt);
        Assert.Equal("\"awake\"", done.CompletedJson());
        Assert.Equal(StepStatus.Complete, (await h.StepAsync("nap")).Status);
    }

    [Fact]
    public async Task SleepUntil_wakes_at_the_given_instant()
    {
        var until = Harness.Start.AddDays(2);
        using var h = new Harness(async (_, step, _) =>
        {
            await step.SleepUntil("until", until);
            return 1;
        });

        var first = (await h.RunAsync()).Suspended();
        h.Time.SetUtcNow(until);

        Assert.Equal(until, first.WakeAt);
        Assert.Equal("1", (await h.RunAsync()).CompletedJson());
    }

    [Fact]
    public async Task SleepUntil_in_the_past_is_an_error_for_the_workflow()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.SleepUntil("late", Harness.Start.AddMinutes(-1));
            return null;
        });

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("ArgumentException", failed.ErrorName);
        Assert.Contains("in the past", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sleep_longer_than_365_days_is_an_error()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Sleep("forever", "366 days");
            return null;
        });

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("ArgumentException", failed.ErrorName);
        Assert.Contains("365 days", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_sleep_completes_in_the_same_run()
    {
        using var h = new Harness(async (_, step, _) =>
        {
            await step.Sleep("blink", 0);
            return 1;
        });

        Assert.Equal("1", (await h.RunAsync()).CompletedJson());
    }
}
