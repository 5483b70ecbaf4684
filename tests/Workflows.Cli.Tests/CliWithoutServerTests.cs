using Workflows.Testing;

namespace Workflows.Cli.Tests;

/// <summary>What the CLI refuses or reports before any server answers.</summary>
public sealed class CliWithoutServerTests
{
    // Nothing listens here, so a request that were sent would fail as unreachable (exit 3), not as usage (exit 2).
    private static readonly string NobodyListens = $"http://127.0.0.1:{ServiceProcess.FreePort()}";

    private static readonly Dictionary<string, string?> Unreachable = new() { ["WORKFLOWS_URL"] = NobodyListens, ["WORKFLOWS_API_KEY"] = "k" };

    [Fact]
    public async Task An_unreachable_server_exits_with_the_unreachable_code()
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "list");

        result.AssertFailed(ExitCodes.Unreachable, $"Cannot reach the Workflows server at {NobodyListens}");
    }

    [Fact]
    public async Task Invalid_params_json_is_refused_before_anything_is_sent()
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "trigger", "echo", "{hello: 1}", "--json");

        result.AssertFailed(ExitCodes.Usage, "params-json is not valid JSON");
    }

    [Fact]
    public async Task Invalid_payload_json_is_refused_before_anything_is_sent()
    {
        var result = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "instances", "send-event", "approval", "x", "--type", "approval", "--payload", "{\"approved\": tru}");

        result.AssertFailed(ExitCodes.Usage, "--payload is not valid JSON");
    }

    [Fact]
    public async Task Without_any_server_setting_the_error_says_where_one_comes_from()
    {
        var empty = Directory.CreateTempSubdirectory("cli-").FullName;

        var result = await CliResult.RunAsync(new Dictionary<string, string?>(), empty, "list");

        result.AssertFailed(ExitCodes.Usage, "No server: pass --url and --key, set WORKFLOWS_URL and WORKFLOWS_API_KEY");
    }

    [Fact]
    public async Task A_malformed_config_file_is_named_in_the_error()
    {
        var root = Directory.CreateTempSubdirectory("cli-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".workflows"));
        await File.WriteAllTextAsync(Path.Combine(root, ".workflows", "cli.json"), "{ not json");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(root, ".workflows", "cli.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await CliResult.RunAsync(new Dictionary<string, string?>(), root, "list");

        result.AssertFailed(ExitCodes.Usage, $"Cannot read {Path.Combine(root, ".workflows", "cli.json")}");
    }

    [Fact]
    public async Task An_unknown_command_or_a_missing_argument_exits_with_the_usage_code()
    {
        var unknown = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "instances", "frobnicate");
        var missing = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "instances", "send-event", "approval", "x");

        unknown.AssertFailed(ExitCodes.Usage, "'frobnicate'");
        missing.AssertFailed(ExitCodes.Usage, "--type");
    }

    [Fact]
    public async Task An_argument_starting_with_at_is_a_value_not_a_file_to_read()
    {
        var stepName = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "instances", "restart", "sleepy", "x", "--from", "@after");
        var parameters = await CliResult.RunAsync(Unreachable, Path.GetTempPath(), "trigger", "echo", "@params.json");

        stepName.AssertFailed(ExitCodes.Unreachable, "Cannot reach the Workflows server");
        parameters.AssertFailed(ExitCodes.Usage, "params-json is not valid JSON");
    }

    [Fact]
    public async Task A_working_directory_deleted_under_the_cli_is_no_crash()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = CliEnvironment.FromProcess(() => throw new FileNotFoundException("Unable to find the specified file."))
            with { Out = stdout, Error = stderr, Variables = new Dictionary<string, string?>() };

        var exitCode = await Cli.RunAsync(["list"], environment);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("error: No server", stderr.ToString(), StringComparison.Ordinal);
    }
}
