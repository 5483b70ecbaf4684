using Workflows.Testing;

namespace Workflows.Cli.Tests;

/// <summary>Every option that takes a number refuses anything but a whole number in its range, as a usage error, before anything is sent.</summary>
public sealed class NumberOptionTests
{
    // Nothing listens here, so a request that were sent would fail as unreachable (exit 3), not as usage (exit 2).
    private static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["WORKFLOWS_URL"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
        ["WORKFLOWS_API_KEY"] = "k",
    };

    public static TheoryData<string, string> BadValues => new()
    {
        { "--limit", "abc" },
        { "--limit", "0" },
        { "--limit", "-5" },
        { "--limit", "101" },
        { "--limit", "2.5" },
        { "--limit", "99999999999" },
        { "--count", "abc" },
        { "--count", "0" },
        { "--count", "-1" },
        { "--count", "1e3" },
        { "--count", "99999999999" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_number_is_a_usage_error_naming_the_option_and_the_value(string option, string value)
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), CommandTaking(option, value));

        result.AssertFailed(ExitCodes.Usage, $"{option} must be a whole number");
        Assert.Contains($"'{value}'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--limit", "1")]
    [InlineData("--limit", "100")]
    [InlineData("--count", "1")]
    [InlineData("--count", "2147483647")]
    public async Task A_number_in_range_is_sent(string option, string value)
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), CommandTaking(option, value));

        result.AssertFailed(ExitCodes.Unreachable, "Cannot reach the Workflows server");
    }

    [Fact]
    public async Task Count_without_from_is_a_usage_error()
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "instances", "restart", "sleepy", "x", "--count", "2");

        result.AssertFailed(ExitCodes.Usage, "--count needs --from");
    }

    private static string[] CommandTaking(string option, string value) => option switch
    {
        "--limit" => ["instances", "list", "echo", option, value],
        "--count" => ["instances", "restart", "sleepy", "x", "--from", "after", option, value],
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "no command takes it"),
    };
}
