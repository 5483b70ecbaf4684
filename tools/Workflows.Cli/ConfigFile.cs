using System.Text.Json;

namespace Workflows.Cli;

/// <summary>
/// The <c>cli.json</c> the CLI trusts (<c>{ "url": ..., "apiKey": ... }</c>, as the embedded engine writes it): the
/// working directory's <c>.workflows/cli.json</c>, else the git repository root's, else the user's
/// <c>$XDG_CONFIG_HOME/workflows/cli.json</c> (<c>~/.config/workflows/cli.json</c>). Never an arbitrary parent's,
/// which anyone who can write there (<c>/tmp</c>) could plant; on Unix only a file no other user can read or change.
/// </summary>
internal static class ConfigFile
{
    public static readonly string RelativePath = Path.Combine(".workflows", "cli.json");

    private const UnixFileMode OpenToOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The first trusted place that has a file, or null.</summary>
    public static string? Find(CliEnvironment environment) => Candidates(environment).FirstOrDefault(File.Exists);

    /// <summary>The file's URL and key; a file others can read or change, or that does not hold a URL, is a usage error.</summary>
    public static (string Url, string? ApiKey) Read(string file)
    {
        RefuseIfOpenToOthers(file);
        Contents? contents;
        try
        {
            contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(file), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {file}: {e.Message}");
        }
        if (contents?.Url is not { Length: > 0 } url)
            throw CliException.Usage($"{file} has no \"url\": it should hold {{ \"url\": ..., \"apiKey\": ... }}.");
        return (url, contents.ApiKey is { Length: > 0 } key ? key : null);
    }

    private static IEnumerable<string> Candidates(CliEnvironment environment)
    {
        if (environment.WorkingDirectory is not null)
        {
            var working = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environment.WorkingDirectory));
            yield return Path.Combine(working, RelativePath);
            if (RepositoryRoot(working) is { } root && root != working)
                yield return Path.Combine(root, RelativePath);
        }
        if (UserConfigDirectory(environment) is { } config)
            yield return Path.Combine(config, "workflows", "cli.json");
    }

    /// <summary>The nearest folder, the working directory included, with a <c>.git</c> entry (a folder in a clone, a file in a worktree).</summary>
    private static string? RepositoryRoot(string working)
    {
        for (var dir = new DirectoryInfo(working); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
                return Path.TrimEndingDirectorySeparator(dir.FullName);
        }
        return null;
    }

    private static string? UserConfigDirectory(CliEnvironment environment)
    {
        // The XDG spec ignores a relative XDG_CONFIG_HOME.
        if (environment.Variable("XDG_CONFIG_HOME") is { } xdg && Path.IsPathRooted(xdg))
            return xdg;
        return (environment.Variable("HOME") ?? environment.Variable("USERPROFILE")) is { } home && Path.IsPathRooted(home)
            ? Path.Combine(home, ".config")
            : null;
    }

    /// <summary>A usage error when other users can read or change <paramref name="file"/> or the folder that holds it.</summary>
    public static void RefuseIfOpenToOthers(string file)
    {
        // Windows has no mode bits; its profile folders are per-user by their ACLs.
        if (OperatingSystem.IsWindows()) return;
        var holder = Path.GetDirectoryName(file)!;
        UnixFileMode mode;
        string? sharedFolder;
        try
        {
            mode = File.GetUnixFileMode(file);
            // Mode bits do not stop a 0600 file another user planted where root reads it (a /tmp/.git makes /tmp a "repository").
            sharedFolder = new[] { holder, Path.GetDirectoryName(holder) }
                .FirstOrDefault(dir => dir is not null && (new DirectoryInfo(dir).UnixFileMode & UnixFileMode.OtherWrite) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {file}: {e.Message}");
        }
        if ((mode & OpenToOthers) != 0)
            throw CliException.Usage(
                $"{file} holds an API key but other users can read or change it (mode {Convert.ToString((int)mode & 0x1FF, 8)}): run 'chmod 600 {file}'.");
        if (sharedFolder is not null)
            throw CliException.Usage(
                $"{file} lies in {sharedFolder}, which every user can write to, so anyone could have put it there: move it to a folder only you can write to.");
    }

    /// <summary>The shape the embedded engine writes (Workflows.Engine's CliConfig).</summary>
    private sealed record Contents(string? Url, string? ApiKey);
}
