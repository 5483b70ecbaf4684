using System.Collections;

namespace Workflows.Cli;

/// <summary>
/// Everything the CLI takes from its process: where it writes, the environment variables it reads (the user's config
/// folder among them), the directory it starts from to find a <c>cli.json</c>, and whether stdout is a terminal (live re-rendering) or a pipe.
/// Tests build one by hand so they never touch the real process environment.
/// </summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?> Variables,
    string? WorkingDirectory,
    bool Interactive = false)
{
    public static CliEnvironment FromProcess() => FromProcess(Directory.GetCurrentDirectory);

    /// <summary>The process's; a working directory that no longer exists is none, so only the user's cli.json is looked for.</summary>
    public static CliEnvironment FromProcess(Func<string> currentDirectory) => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal),
        ExistingDirectory(currentDirectory),
        Interactive: !Console.IsOutputRedirected);

    public string? Variable(string name) => Variables.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    private static string? ExistingDirectory(Func<string> currentDirectory)
    {
        try
        {
            return currentDirectory();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
