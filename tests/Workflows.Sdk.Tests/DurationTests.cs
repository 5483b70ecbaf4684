namespace Workflows.Sdk.Tests;

public class DurationTests
{
    [Theory]
    [InlineData("10 seconds", 10_000L)]
    [InlineData("1 second", 1_000L)]
    [InlineData("1 minute", 60_000L)]
    [InlineData("5 minutes", 300_000L)]
    [InlineData("1 hour", 3_600_000L)]
    [InlineData("2 hours", 7_200_000L)]
    [InlineData("3 days", 259_200_000L)]
    [InlineData("1 day", 86_400_000L)]
    [InlineData("1 week", 604_800_000L)]
    [InlineData("2 weeks", 1_209_600_000L)]
    [InlineData("1 month", 2_592_000_000L)]
    [InlineData("1 year", 31_536_000_000L)]
    [InlineData("250 ms", 250L)]
    [InlineData("1 millisecond", 1L)]
    [InlineData("20 milliseconds", 20L)]
    [InlineData("  7   Seconds  ", 7_000L)]
    [InlineData("1 HOUR", 3_600_000L)]
    [InlineData("1.5 hours", 5_400_000L)]
    [InlineData("0 seconds", 0L)]
    [InlineData("10seconds", 10_000L)]
    public void Text_durations_parse_to_the_documented_length(string text, long expectedMilliseconds)
    {
        Duration duration = text;

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten seconds")]
    [InlineData("10")]
    [InlineData("10 fortnights")]
    [InlineData("-5 seconds")]
    [InlineData("seconds")]
    [InlineData("1 hour 5 minutes")]
    public void Text_that_is_not_a_duration_is_rejected_quoting_the_text(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Duration.Parse(text));

        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Milliseconds_and_time_spans_convert_implicitly()
    {
        Duration fromInt = 1500;
        Duration fromLong = 2500L;
        Duration fromSpan = TimeSpan.FromMinutes(3);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), fromInt.Value);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), fromLong.Value);
        Assert.Equal(TimeSpan.FromMinutes(3), fromSpan.Value);
    }

    [Fact]
    public void Negative_durations_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Duration.FromMilliseconds(-1));
        Assert.Throws<ArgumentException>(() => Duration.FromTimeSpan(TimeSpan.FromSeconds(-1)));
    }
}
