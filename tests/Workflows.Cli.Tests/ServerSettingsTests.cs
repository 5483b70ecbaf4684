using System.Text.Json.Nodes;

namespace Workflows.Cli.Tests;

/// <summary>
/// The URL and the key come from one trusted place: options and environment together, or one owner-only cli.json in
/// the working directory, the repository root or the user's config folder. A key never goes to a URL someone else chose.
/// </summary>
public sealed class ServerSettingsTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly Dictionary<string, string?> NoVariables = [];

    [Fact]
    public async Task A_config_file_in_a_parent_folder_is_not_used_and_never_gets_the_key()
    {
        using var server = RecordingServer.WithNoWorkflows();
        var shared = NewDirectory();
        WriteConfig(shared, server.Url, "planted-key");
        var project = Directory.CreateDirectory(Path.Combine(shared, "project")).FullName;

        var withKey = await CliResult.RunAsync(new Dictionary<string, string?> { ["WORKFLOWS_API_KEY"] = "secret" }, project, "list");
        var withoutKey = await CliResult.RunAsync(NoVariables, project, "list");

        withKey.AssertFailed(ExitCodes.Usage, "An API key is set ($WORKFLOWS_API_KEY) but no URL");
        withoutKey.AssertFailed(ExitCodes.Usage, "No server: pass --url");
        Assert.Empty(server.Authorizations);
    }

    [Fact]
    public async Task A_config_file_in_a_folder_every_user_can_write_to_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        using var server = RecordingServer.WithNoWorkflows();
        // Stands for /tmp, with a planted .git so it passes for the repository root of the user's folder.
        var shared = NewDirectory();
        Directory.CreateDirectory(Path.Combine(shared, ".git"));
        WriteConfig(shared, server.Url, "planted-key");
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        var project = Directory.CreateDirectory(Path.Combine(shared, "project")).FullName;

        var result = await CliResult.RunAsync(NoVariables, project, "list");

        result.AssertFailed(ExitCodes.Usage, $"lies in {shared}, which every user can write to");
        Assert.Empty(server.Authorizations);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public async Task A_config_file_other_users_can_read_or_change_is_refused_with_the_fix(UnixFileMode shared)
    {
        if (OperatingSystem.IsWindows()) return;
        using var server = RecordingServer.WithNoWorkflows();
        var project = NewDirectory();
        var file = WriteConfig(project, server.Url, "file-key", OwnerOnly | shared);

        var result = await CliResult.RunAsync(NoVariables, project, "list");

        result.AssertFailed(ExitCodes.Usage, $"run 'chmod 600 {file}'");
        Assert.Empty(server.Authorizations);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_key_from_an_option_or_the_environment_is_never_sent_to_the_url_of_a_config_file(bool asOption)
    {
        using var server = RecordingServer.WithNoWorkflows();
        var project = NewDirectory();
        WriteConfig(project, server.Url, "file-key");

        var result = asOption
            ? await CliResult.RunAsync(NoVariables, project, "list", "--key", "secret")
            : await CliResult.RunAsync(new Dictionary<string, string?> { ["WORKFLOWS_API_KEY"] = "secret" }, project, "list");

        result.AssertFailed(ExitCodes.Usage, asOption ? "An API key is set (--key) but no URL" : "An API key is set ($WORKFLOWS_API_KEY) but no URL");
        Assert.Empty(server.Authorizations);
    }

    [Fact]
    public async Task A_url_from_the_environment_never_gets_the_key_of_a_config_file()
    {
        using var server = RecordingServer.WithNoWorkflows();
        var project = NewDirectory();
        WriteConfig(project, "http://127.0.0.1:1", "file-key");

        var result = await CliResult.RunAsync(new Dictionary<string, string?> { ["WORKFLOWS_URL"] = server.Url }, project, "list");

        result.AssertOk();
        Assert.Equal([null], server.Authorizations);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_config_file_at_the_repository_root_is_used_from_a_subfolder(bool gitIsAFile)
    {
        using var server = RecordingServer.WithNoWorkflows();
        var repository = NewDirectory();
        // A worktree's .git is a file; a clone's a folder.
        if (gitIsAFile)
            await File.WriteAllTextAsync(Path.Combine(repository, ".git"), "gitdir: /elsewhere");
        else
            Directory.CreateDirectory(Path.Combine(repository, ".git"));
        WriteConfig(repository, server.Url, "file-key");
        var subfolder = Directory.CreateDirectory(Path.Combine(repository, "src", "app")).FullName;

        var result = await CliResult.RunAsync(NoVariables, subfolder, "list");

        result.AssertOk();
        Assert.Equal(["Bearer file-key"], server.Authorizations);
    }

    [Fact]
    public async Task The_working_directorys_config_file_wins_over_the_repository_roots()
    {
        using var server = RecordingServer.WithNoWorkflows();
        var repository = NewDirectory();
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        WriteConfig(repository, "http://127.0.0.1:1", "root-key");
        var app = Directory.CreateDirectory(Path.Combine(repository, "app")).FullName;
        WriteConfig(app, server.Url, "app-key");

        var result = await CliResult.RunAsync(NoVariables, app, "list");

        result.AssertOk();
        Assert.Equal(["Bearer app-key"], server.Authorizations);
    }

    [Theory]
    [InlineData("XDG_CONFIG_HOME", "")]
    [InlineData("HOME", ".config")]
    public async Task The_config_file_in_the_users_config_folder_is_used_anywhere(string variable, string below)
    {
        using var server = RecordingServer.WithNoWorkflows();
        var home = NewDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(home, below, "workflows")).FullName;
        WriteConfigFile(Path.Combine(folder, "cli.json"), server.Url, "user-key", OwnerOnly);

        var result = await CliResult.RunAsync(new Dictionary<string, string?> { [variable] = home }, NewDirectory(), "list");

        result.AssertOk();
        Assert.Equal(["Bearer user-key"], server.Authorizations);
    }

    [Theory]
    [InlineData("environment", "Bearer env-key")]
    [InlineData("options", "Bearer option-key")]
    [InlineData("option url, environment key", "Bearer env-key")]
    [InlineData("options over environment", "Bearer option-key")]
    public async Task Url_and_key_from_options_and_environment_are_used_together(string source, string expected)
    {
        using var server = RecordingServer.WithNoWorkflows();
        var project = NewDirectory();
        WriteConfig(project, "http://127.0.0.1:1", "file-key");
        var (variables, options) = source switch
        {
            "environment" => (Variables(server.Url, "env-key"), Array.Empty<string>()),
            "options" => (NoVariables, ["--url", server.Url, "--key", "option-key"]),
            "option url, environment key" => (Variables(null, "env-key"), ["--url", server.Url]),
            _ => (Variables("http://127.0.0.1:1", "env-key"), ["--url", server.Url, "--key", "option-key"]),
        };

        var result = await CliResult.RunAsync(variables, project, ["list", .. options]);

        result.AssertOk();
        Assert.Equal([expected], server.Authorizations);
    }

    [Theory]
    [InlineData("not a url", "'not a url' is not an absolute http(s) URL")]
    [InlineData("ftp://127.0.0.1/", "is not an absolute http(s) URL")]
    [InlineData("http://[::1", "is not an absolute http(s) URL")]
    [InlineData("http://127.0.0.1:99999/", "is not an absolute http(s) URL")]
    [InlineData("http://127.0.0.1:1/?x=1", "has a query or fragment")]
    [InlineData("http://127.0.0.1:1/#top", "has a query or fragment")]
    [InlineData("http://ana:secret@127.0.0.1:1/", "carries a user name or password")]
    public async Task An_invalid_url_is_a_usage_error(string url, string error)
    {
        var result = await CliResult.RunAsync(NoVariables, NewDirectory(), "list", "--url", url);

        result.AssertFailed(ExitCodes.Usage, error);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_config_file_is_named_in_the_error()
    {
        var project = NewDirectory();
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(project, ".workflows")).FullName, "cli.json");
        File.CreateSymbolicLink(file, Path.Combine(project, "gone.json"));

        var result = await CliResult.RunAsync(NoVariables, project, "list");

        result.AssertFailed(ExitCodes.Usage, $"Cannot read {file}");
    }

    [Fact]
    public async Task A_config_file_without_a_url_is_named_in_the_error()
    {
        var project = NewDirectory();
        var file = WriteConfigFile(Path.Combine(project, ".workflows", "cli.json"), null, "file-key", OwnerOnly);

        var result = await CliResult.RunAsync(NoVariables, project, "list");

        result.AssertFailed(ExitCodes.Usage, $"{file} has no \"url\"");
    }

    private static string NewDirectory() => Directory.CreateTempSubdirectory("cli-").FullName;

    private static Dictionary<string, string?> Variables(string? url, string? key) => new() { ["WORKFLOWS_URL"] = url, ["WORKFLOWS_API_KEY"] = key };

    private static string WriteConfig(string directory, string url, string key, UnixFileMode mode = OwnerOnly) =>
        WriteConfigFile(Path.Combine(Directory.CreateDirectory(Path.Combine(directory, ".workflows")).FullName, "cli.json"), url, key, mode);

    private static string WriteConfigFile(string path, string? url, string key, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var config = new JsonObject { ["apiKey"] = key };
        if (url is not null) config["url"] = url;
        File.WriteAllText(path, config.ToJsonString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, mode);
        return path;
    }
}
