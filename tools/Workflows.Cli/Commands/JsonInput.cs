using System.Text.Json;

namespace Workflows.Cli.Commands;

/// <summary>JSON typed on the command line, checked before anything is sent.</summary>
internal static class JsonInput
{
    /// <summary>The value as a JSON element (null for no text); invalid JSON is a usage error naming <paramref name="what"/>.</summary>
    public static JsonElement? Element(string? text, string what)
    {
        if (text is null) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"{what} is not valid JSON: {e.Message}");
        }
    }
}
