namespace Workflows.Sdk.Tests;

public class RetryPolicyTests
{
    private static readonly Exception Error = new InvalidOperationException("x");

    [Theory]
    [InlineData(Backoff.Constant, new[] { 5, 5, 5, 5 })]
    [InlineData(Backoff.Linear, new[] { 5, 10, 15, 20 })]
    [InlineData(Backoff.Exponential, new[] { 5, 10, 20, 40 })]
    public void Delay_after_attempt_n_follows_the_backoff_kind(Backoff backoff, int[] expectedSeconds)
    {
        var policy = new RetryPolicy(Limit: 4, Delay: "5 seconds", Backoff: backoff);

        var delays = Enumerable.Range(1, 4).Select(n => policy.DelayAfter(n, Error).TotalSeconds);

        Assert.Equal(expectedSeconds.Select(s => (double)s), delays);
    }

    [Fact]
    public void Dynamic_delay_overrides_the_computed_delay_and_sees_attempt_and_error()
    {
        var seen = new List<(int, string)>();
        var policy = new RetryPolicy(3, "5 seconds", Backoff.Exponential)
        {
            DynamicDelay = (attempt, error) =>
            {
                seen.Add((attempt, error.Message));
                return TimeSpan.FromSeconds(attempt * 7);
            },
        };

        Assert.Equal(TimeSpan.FromSeconds(7), policy.DelayAfter(1, Error));
        Assert.Equal(TimeSpan.FromSeconds(14), policy.DelayAfter(2, Error));
        Assert.Equal([(1, "x"), (2, "x")], seen);
    }

    [Fact]
    public void Defaults_are_five_retries_ten_seconds_exponential_and_a_ten_minute_timeout()
    {
        var config = new StepConfig();

        Assert.Equal(5, config.Retries.Limit);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Retries.Delay.Value);
        Assert.Equal(Backoff.Exponential, config.Retries.Backoff);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Timeout.Value);
    }

    [Fact]
    public void Negative_limit_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(-1, "1 second"));
    }

    [Fact]
    public void Wait_for_event_timeout_defaults_to_24_hours()
    {
        var options = new WaitForEventOptions { Type = "approval" };

        Assert.Equal(TimeSpan.FromHours(24), options.Timeout.Value);
    }
}
