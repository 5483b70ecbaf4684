using Microsoft.Extensions.Configuration;

namespace Workflows.Api.Tests;

public sealed class ApiOptionsTests
{
    [Theory]
    [InlineData("Api:Keys", " first, ,second ")]
    [InlineData("Api:Keys:0", "first")]
    public void Keys_are_read_indexed_or_comma_separated_trimmed_and_without_blanks(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.EndsWith(":0", StringComparison.Ordinal))
        {
            settings["Api:Keys:1"] = "  ";
            settings["Api:Keys:2"] = " second";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(["first", "second"], ApiOptions.ConfiguredKeys(configuration));
    }

    [Fact]
    public void Keys_of_the_list_are_named_by_position_and_named_keys_by_their_name()
    {
        var options = new ApiOptions
        {
            Keys = ["first", "second", "ops-secret"],
            NamedKeys = new Dictionary<string, string> { ["ops-team"] = " ops-secret " },
        };

        Assert.Equal([("key-1", "first"), ("key-2", "second"), ("ops-team", "ops-secret")], options.KeysByName());
    }
}
