using System.Text.Json;

namespace Workflows.Webhooks.Routing;

/// <summary>
/// An RFC 6901 JSON pointer (<c>/issue/labels/0/name</c>, <c>~1</c> for '/', <c>~0</c> for '~') where a segment
/// <c>*</c> steps through every element of an array (or every value of an object).
/// </summary>
internal sealed class JsonPointer
{
    private const string Wildcard = "*";
    private readonly string[] _segments;

    private JsonPointer(string text, string[] segments) => (Text, _segments) = (text, segments);

    public string Text { get; }

    public bool HasWildcard => _segments.Contains(Wildcard);

    /// <summary>The pointer, or null when <paramref name="text"/> does not start with '/'.</summary>
    public static JsonPointer? Parse(string text) =>
        text.StartsWith('/')
            ? new JsonPointer(text, [.. text[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))])
            : null;

    /// <summary>Every value the pointer reaches in <paramref name="root"/> (one at most without a wildcard).</summary>
    public IEnumerable<JsonElement> Resolve(JsonElement root) => Resolve(root, 0);

    private IEnumerable<JsonElement> Resolve(JsonElement node, int index)
    {
        if (index == _segments.Length)
        {
            yield return node;
            yield break;
        }
        var segment = _segments[index];
        if (segment == Wildcard && node.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            var children = node.ValueKind == JsonValueKind.Array
                ? node.EnumerateArray()
                : node.EnumerateObject().Select(p => p.Value);
            foreach (var child in children)
                foreach (var value in Resolve(child, index + 1))
                    yield return value;
        }
        else if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var property))
        {
            foreach (var value in Resolve(property, index + 1))
                yield return value;
        }
        else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
            && i < node.GetArrayLength() && (segment == "0" || segment[0] != '0'))
        {
            foreach (var value in Resolve(node[i], index + 1))
                yield return value;
        }
    }

    /// <summary>A scalar's text as a route or a template sees it (a string's value, a number's or boolean's literal); null for null, objects and arrays.</summary>
    public static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
