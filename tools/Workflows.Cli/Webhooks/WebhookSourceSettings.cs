using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Cli.Webhooks;

/// <summary>
/// A source's kind and secret, from where the service reads them: <c>--kind</c>/<c>--secret</c>, else the environment
/// variables <c>Webhooks__Sources__{source}__Kind</c> and <c>__Secrets__0</c>, else an appsettings-shaped <c>--config</c>
/// file (which, like <c>cli.json</c>, must not be open to other users).
/// </summary>
internal sealed record WebhookSourceSettings(string Kind, string Secret)
{
    public static WebhookSourceSettings Resolve(string source, string? kind, string? secret, string? configFile, CliEnvironment environment)
    {
        var prefix = $"Webhooks__Sources__{source}__";
        kind ??= environment.Variable(prefix + "Kind");
        secret ??= environment.Variable(prefix + "Secrets__0");
        if ((kind is null || secret is null) && configFile is not null)
        {
            var section = Section(configFile, source);
            kind ??= Text(Value(section, "Kind"));
            secret ??= Text(Value(section, "Secrets") is JsonArray { Count: > 0 } secrets ? secrets[0] : null);
        }
        if (kind is null || secret is null)
            throw CliException.Usage(
                $"No {(kind is null ? "kind" : "secret")} for webhook source '{source}': pass --{(kind is null ? "kind" : "secret")}, set {prefix}{(kind is null ? "Kind" : "Secrets__0")} as for the service, or give its settings file with --config.");
        kind = kind.Trim().ToLowerInvariant();
        return WebhookSigner.Kinds.Contains(kind)
            ? new WebhookSourceSettings(kind, secret)
            : throw CliException.Usage($"Webhook source '{source}' has kind '{kind}'; use one of {string.Join(", ", WebhookSigner.Kinds)}.");
    }

    private static JsonObject? Section(string file, string source)
    {
        ConfigFile.RefuseIfOpenToOthers(file);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {file}: {e.Message}");
        }
        // Configuration keys are case-insensitive, as the service reads them.
        return Child(Child(Child(root as JsonObject, "Webhooks"), "Sources"), source);
    }

    private static JsonObject? Child(JsonObject? parent, string name) => Value(parent, name) as JsonObject;

    private static JsonNode? Value(JsonObject? parent, string name) =>
        parent?.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
