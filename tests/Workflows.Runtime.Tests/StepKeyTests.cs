namespace Workflows.Runtime.Tests;

public sealed class StepKeyTests
{
    [Fact]
    public void A_key_is_the_name_a_hash_and_the_occurrence()
    {
        Assert.Equal("charge card#2", StepKey.Format("charge card", 2));
    }

    [Theory]
    [InlineData("charge card", 1)]
    [InlineData("item #3", 12)]
    public void A_key_reads_back_as_its_name_and_occurrence(string name, int occurrence)
    {
        Assert.Equal((name, occurrence), StepKey.Parse(StepKey.Format(name, occurrence)));
    }

    [Theory]
    [InlineData("no separator")]
    [InlineData("name#")]
    [InlineData("name#0")]
    [InlineData("name#-1")]
    public void Anything_else_is_not_a_key(string key)
    {
        Assert.Throws<FormatException>(() => StepKey.Parse(key));
    }
}
