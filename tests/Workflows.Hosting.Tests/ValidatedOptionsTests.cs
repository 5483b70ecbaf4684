using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Workflows.Hosting.Tests;

public sealed class ValidatedOptionsTests
{
    [Theory]
    [InlineData("Count", "abc", "Probe:Count: The value must be a whole number.")]
    [InlineData("Wait", "soon", "Probe:Wait: The value must be a time span such as 00:00:30.")]
    [InlineData("Count", "11", "Probe:Count: The field Count must be between 1 and 10.")]
    public void A_bad_value_is_one_sentence_that_starts_with_its_key(string property, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"Probe:{property}"] = value })
            .Build();

        var e = Assert.Throws<MissingSettingException>(() => configuration.ReadValidated<ProbeOptions>("Probe"));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Good_values_are_bound()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Count"] = "3", ["Probe:Wait"] = "00:00:05" })
            .Build();

        var options = configuration.ReadValidated<ProbeOptions>("Probe");

        Assert.Equal((3, TimeSpan.FromSeconds(5)), (options.Count, options.Wait));
    }

    public sealed class ProbeOptions
    {
        [Range(1, 10)]
        public int Count { get; set; } = 1;

        public TimeSpan Wait { get; set; }
    }
}
