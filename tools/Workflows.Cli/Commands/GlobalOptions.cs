using System.CommandLine;

namespace Workflows.Cli.Commands;

/// <summary>The options every command takes (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The Api's base URL (else ${ServerSettings.UrlVariable}); without either, URL and key both come from a trusted {ConfigFile.RelativePath}.",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"The API key (else ${ServerSettings.KeyVariable}); needs --url or ${ServerSettings.UrlVariable}, as a key is never sent to a file's URL.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the Api's JSON and nothing else on stdout.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Json);
    }
}
