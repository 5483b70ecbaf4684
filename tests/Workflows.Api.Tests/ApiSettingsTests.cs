using Workflows.Testing;

namespace Workflows.Api.Tests;

public sealed class ApiSettingsTests
{
    // Well-formed but never contacted: the Api stops at its own settings before connecting anywhere.
    private static readonly Dictionary<string, string?> Connections = new()
    {
        ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused;Username=unused;Password=unused",
        ["ConnectionStrings:RabbitMq"] = "amqp://unused:unused@127.0.0.1:5672/unused",
    };

    [Fact]
    public async Task Without_api_keys_the_api_exits_at_start_with_one_line_naming_Api_Keys()
    {
        await using var process = ServiceProcess.Start("Workflows.Api", Connections);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Api:Keys: No API key is set", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_params_limit_that_is_not_a_number_stops_the_api_with_one_line_naming_it()
    {
        var settings = new Dictionary<string, string?>(Connections) { ["Api:Keys:0"] = "k", ["Workflows:MaxParamsBytes"] = "lots" };
        await using var process = ServiceProcess.Start("Workflows.Api", settings);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Workflows:MaxParamsBytes: The value must be a whole number", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Workflows:MaxBatchBytes", "100")]
    [InlineData("Workflows:MaxBufferedEvents", "0")]
    public async Task A_batch_or_inbox_limit_out_of_range_stops_the_api_with_one_line_naming_it(string key, string value)
    {
        var settings = new Dictionary<string, string?>(Connections) { ["Api:Keys:0"] = "k", [key] = value };
        await using var process = ServiceProcess.Start("Workflows.Api", settings);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{key}: The field", line, StringComparison.Ordinal);
    }
}
