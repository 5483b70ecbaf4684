using System.Text.Json;

namespace Workflows.Cli;

/// <summary>
/// Where the Api is and which key to send. Each value comes from the first place that has it: the <c>--url</c> /
/// <c>--key</c> options, then <c>WORKFLOWS_URL</c> / <c>WORKFLOWS_API_KEY</c>, then <c>.workflows/cli.json</c>
/// (written by the DevHost) in the working directory or the nearest parent that has one.
/// </summary>
internal sealed record ServerSettings(Uri Url, string? ApiKey)
{
    public const string UrlVariable = "WORKFLOWS_URL";
    public const string KeyVariable = "WORKFLOWS_API_KEY";
    public static readonly string ConfigPath = Path.Combine(".workflows", "cli.json");

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web);

    public static ServerSettings Resolve(string? urlOption, string? keyOption, CliEnvironment environment)
    {
        var url = urlOption ?? environment.Variable(UrlVariable);
        var key = keyOption ?? environment.Variable(KeyVariable);
        if ((url is null || key is null) && FindConfigFile(environment.WorkingDirectory) is { } file)
        {
            var config = ReadConfigFile(file);
            url ??= config.Url;
            key ??= config.ApiKey;
        }

        if (url is null)
            throw CliException.Usage($"No server: pass --url, set {UrlVariable}, or start the DevHost (it writes {ConfigPath}).");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw CliException.Usage($"The server URL '{url}' is not an absolute http(s) URL.");
        return new ServerSettings(uri, key);
    }

    private static string? FindConfigFile(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ConfigPath);
            if (File.Exists(file)) return file;
        }
        return null;
    }

    private static ConfigFile ReadConfigFile(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(file), FileJson)
                ?? throw CliException.Usage($"{file} holds null, not {{ \"url\": ..., \"apiKey\": ... }}.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {file}: {e.Message}");
        }
    }

    /// <summary>The shape the DevHost writes.</summary>
    private sealed record ConfigFile(string? Url, string? ApiKey);
}
