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
}
