using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflows.Cli.Tests;

/// <summary>What one CLI run left behind: its exit code and everything it wrote.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout holds JSON null");

    /// <summary>Runs the CLI's entry point in-process with captured output and exactly these variables (never the test process's).</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> variables, string workingDirectory, params string[] args) =>
        RunAsync(new LiveOutput(), variables, workingDirectory, args);

    /// <summary>As <see cref="RunAsync(IReadOnlyDictionary{string, string?}, string, string[])"/>, writing stdout to <paramref name="stdout"/> as it goes.</summary>
    public static async Task<CliResult> RunAsync(LiveOutput stdout, IReadOnlyDictionary<string, string?> variables, string workingDirectory, params string[] args)
    {
        using var stderr = new StringWriter();
        var exitCode = await Cli.RunAsync(args, new CliEnvironment(stdout, stderr, variables, workingDirectory));
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A failure is one line on stderr and nothing on stdout.</summary>
    public void AssertFailed(int exitCode, string errorContains)
    {
        Assert.True(ExitCode == exitCode, $"exit {ExitCode}, expected {exitCode}; stderr: {Error}; stdout: {Out}");
        Assert.Contains(errorContains, Error, StringComparison.Ordinal);
        Assert.Single(Error.TrimEnd().Split('\n'));
        Assert.Equal("", Out);
    }

    /// <summary>Some line of stdout matches <paramref name="pattern"/> (whole line); the failure shows all of stdout.</summary>
    public void AssertHasLine(string pattern) =>
        Assert.True(Regex.IsMatch(Out, $"^{pattern}$", RegexOptions.Multiline), $"no line of stdout matches '{pattern}':\n{Out}");

    public void AssertOk()
    {
        Assert.True(ExitCode == ExitCodes.Ok, $"exit {ExitCode}; stderr: {Error}; stdout: {Out}");
        Assert.Equal("", Error);
    }
}
