using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Cli.Commands;

/// <summary>JSON typed on the command line, checked before anything is sent.</summary>
internal static class JsonInput
{
    /// <summary>The parsed value (null for no text or a JSON null); invalid JSON is a usage error naming <paramref name="what"/>.</summary>
    public static JsonNode? Parse(string? text, string what)
    {
        if (text is null) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"{what} is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The text itself once it is known to be one JSON value, so it is sent exactly as typed.</summary>
    public static string? Validate(string? text, string what)
    {
        Parse(text, what);
        return text;
    }
}
