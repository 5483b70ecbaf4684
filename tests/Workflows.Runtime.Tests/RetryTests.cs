using Workflows.Sdk;

namespace Workflows.Runtime.Tests;

public class RetryTests
{
    [Fact]
    public async Task Non_retryable_error_fails_the_step_after_exactly_one_attempt()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do<int>("charge", _ =>
            {
                h.Script.Hit("charge");
                throw new NonRetryableException("card stolen");
            });
            return null;
        };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal(("NonRetryableException", "card stolen"), (failed.ErrorName, failed.Message));
        Assert.Equal(1, h.Script.Count("charge"));
        var record = await h.StepAsync("charge");
        Assert.Equal((StepStatus.Errored, 1), (record.Status, record.Attempts));
    }

    [Fact]
    public async Task Limit_counts_retries_after_the_first_attempt()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do<int>("flaky", new StepConfig { Retries = new(Limit: 2, Delay: 0, Backoff: Backoff.Constant) }, _ =>
            {
                h.Script.Hit("flaky");
                throw new InvalidOperationException("down");
            });
            return null;
        };

        var failed = (await h.RunAsync()).Failed();

        Assert.Equal("InvalidOperationException", failed.ErrorName);
        Assert.Equal(3, h.Script.Count("flaky"));
        Assert.Equal(3, (await h.StepAsync("flaky")).Attempts);
    }

    [Theory]
    [InlineData(Backoff.Constant, new[] { 10, 10, 10 })]
    [InlineData(Backoff.Linear, new[] { 10, 20, 30 })]
    [InlineData(Backoff.Exponential, new[] { 10, 20, 40 })]
    public async Task Long_backoff_suspends_with_the_computed_delay_for_each_attempt(Backoff backoff, int[] expectedSeconds)
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do<int>("call", new StepConfig { Retries = new(Limit: 3, Delay: "10 seconds", Backoff: backoff) }, _ =>
            {
                h.Script.Hit("call");
                throw new InvalidOperationException("down");
            });
            return null;
        };

        var delays = new List<double>();
        RunOutcome outcome;
        while ((outcome = await h.RunAsync()) is RunSuspended suspended)
        {
            delays.Add((suspended.WakeAt!.Value - h.Time.GetUtcNow()).TotalSeconds);
            h.Time.SetUtcNow(suspended.WakeAt.Value);
        }

        Assert.Equal(expectedSeconds.Select(s => (double)s), delays);
        Assert.Equal("InvalidOperationException", outcome.Failed().ErrorName);
        Assert.Equal(4, h.Script.Count("call"));
    }

    [Fact]
    public async Task Dynamic_delay_decides_the_wait_before_the_next_attempt()
    {
        using var h = new Harness();
        var policy = new RetryPolicy(2, "1 second") { DynamicDelay = (attempt, error) => TimeSpan.FromMinutes(attempt * (error is TimeoutException ? 100 : 7)) };
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do<int>("call", new StepConfig { Retries = policy }, _ => throw new InvalidOperationException("x"));
            return null;
        };

        var first = (await h.RunAsync()).Suspended();
        h.Time.SetUtcNow(first.WakeAt!.Value);
        var second = (await h.RunAsync()).Suspended();

        Assert.Equal(Harness.Start.AddMinutes(7), first.WakeAt);
        Assert.Equal(Harness.Start.AddMinutes(7 + 14), second.WakeAt);
    }

    [Fact]
    public async Task Durable_retry_across_a_suspended_backoff_keeps_the_attempt_count()
    {
        var attemptsSeen = new List<int>();
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
            await step.Do("flaky", new StepConfig { Retries = new(5, "1 minute", Backoff.Constant) }, _ =>
            {
                var attempt = StepContext.Current!.Attempt;
                attemptsSeen.Add(attempt);
                return attempt < 3 ? throw new InvalidOperationException($"fail {attempt}") : Task.FromResult(attempt);
            });

        var first = (await h.RunAsync()).Suspended();
        var afterFirst = await h.StepAsync("flaky");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await h.RunAsync();

        Assert.Equal(Harness.Start.AddMinutes(1), first.WakeAt);
        Assert.Equal((StepStatus.Retrying, 1, "InvalidOperationException", "fail 1"), (afterFirst.Status, afterFirst.Attempts, afterFirst.ErrorName, afterFirst.ErrorMessage));
        Assert.Equal("3", done.CompletedJson());
        Assert.Equal([1, 2, 3], attemptsSeen);
        Assert.Equal(3, (await h.StepAsync("flaky")).Attempts);
    }

    [Fact]
    public async Task Retry_not_yet_due_suspends_again_without_running_the_step()
    {
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
            await step.Do("call", new StepConfig { Retries = new(5, "1 minute", Backoff.Constant) }, _ =>
                h.Script.Hit("call") == 1 ? throw new InvalidOperationException("x") : Task.FromResult(1));

        var first = (await h.RunAsync()).Suspended();
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var early = (await h.RunAsync()).Suspended();

        Assert.Equal(first.WakeAt, early.WakeAt);
        Assert.Equal(1, h.Script.Count("call"));
    }

    [Fact]
    public async Task Short_backoff_retries_in_process_within_one_run()
    {
        using var h = new Harness(configure: o => o.InlineRetryThreshold = TimeSpan.FromSeconds(2));
        h.Script.Body = async (_, step, _) =>
            await step.Do("call", new StepConfig { Retries = new(5, 0, Backoff.Constant) }, _ =>
                h.Script.Hit("call") < 3 ? throw new InvalidOperationException("x") : Task.FromResult("ok"));

        var outcome = await h.RunAsync();

        Assert.Equal("\"ok\"", outcome.CompletedJson());
        Assert.Equal(3, (await h.StepAsync("call")).Attempts);
    }

    [Fact]
    public async Task Step_timeout_fires_the_step_token_and_counts_as_a_failed_attempt()
    {
        var started = new TaskCompletionSource();
        var tokenFired = false;
        using var h = new Harness();
        h.Script.Body = async (_, step, _) =>
        {
            await step.Do("slow", new StepConfig { Retries = new(0, 0), Timeout = "1 minute" }, async ct =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    tokenFired = ct.IsCancellationRequested;
                }
            });
            return null;
        };

        var run = h.RunAsync();
        await started.Task;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var failed = (await run).Failed();

        Assert.True(tokenFired);
        Assert.Equal("TimeoutException", failed.ErrorName);
        Assert.Contains("timed out", failed.Message, StringComparison.Ordinal);
        Assert.Equal((StepStatus.Errored, 1), ((await h.StepAsync("slow")).Status, (await h.StepAsync("slow")).Attempts));
    }
}
