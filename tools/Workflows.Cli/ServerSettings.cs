namespace Workflows.Cli;

/// <summary>
/// Where the Api is and which key to send, both from one trusted place so a key only ever goes to the URL it came with:
/// the <c>--url</c> / <c>--key</c> options and <c>WORKFLOWS_URL</c> / <c>WORKFLOWS_API_KEY</c> (an option wins over
/// its variable), or else one <see cref="ConfigFile"/>. A key without a URL is refused rather than sent to a file's URL.
/// </summary>
internal sealed record ServerSettings(Uri Url, string? ApiKey)
{
    public const string UrlVariable = "WORKFLOWS_URL";
    public const string KeyVariable = "WORKFLOWS_API_KEY";

    public static ServerSettings Resolve(string? urlOption, string? keyOption, CliEnvironment environment)
    {
        var url = NonEmpty(urlOption) ?? environment.Variable(UrlVariable);
        var key = NonEmpty(keyOption) ?? environment.Variable(KeyVariable);
        if (url is not null)
            return new ServerSettings(ParseUrl(url, "The server URL"), key);
        if (key is not null)
            throw CliException.Usage(
                $"An API key is set ({(NonEmpty(keyOption) is null ? "$" + KeyVariable : "--key")}) but no URL: pass --url or set {UrlVariable} as well; " +
                $"to use a {ConfigFile.RelativePath} instead, drop the key (its URL and key go together).");

        var file = ConfigFile.Find(environment)
            ?? throw CliException.Usage($"No server: pass --url and --key, set {UrlVariable} and {KeyVariable}, or start the DevHost (it writes {ConfigFile.RelativePath}).");
        var config = ConfigFile.Read(file);
        return new ServerSettings(ParseUrl(config.Url, $"The url in {file}"), config.ApiKey);
    }

    private static string? NonEmpty(string? value) => value is { Length: > 0 } ? value : null;

    private static Uri ParseUrl(string url, string what)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw CliException.Usage($"{what} '{url}' is not an absolute http(s) URL.");
        // Not echoed: the user info may be a password, and this line can end up in a CI log.
        if (uri.UserInfo.Length > 0)
            throw CliException.Usage($"{what} carries a user name or password; the CLI sends only the API key (--key).");
        // Routes are appended to the base URL, which a query or fragment would swallow.
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw CliException.Usage($"{what} '{url}' has a query or fragment: give the Api's base URL, such as http://127.0.0.1:5100.");
        return uri;
    }
}
