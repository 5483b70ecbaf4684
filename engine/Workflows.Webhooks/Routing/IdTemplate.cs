using System.Text;
using System.Text.Json;

namespace Workflows.Webhooks.Routing;

/// <summary>
/// An id template: literal text with placeholders <c>{header:Name}</c> (a request header), <c>{/pointer}</c> (a body
/// value) and <c>{deliveryId}</c>; e.g. <c>gh-{header:X-GitHub-Delivery}</c>, <c>order-{/data/object/id}</c>.
/// </summary>
internal sealed class IdTemplate
{
    private const string HeaderPrefix = "header:";
    private const string DeliveryIdPlaceholder = "deliveryId";

    private readonly List<Func<IHeaderDictionary, JsonElement, string, string?>> _parts;

    private IdTemplate(string text, List<Func<IHeaderDictionary, JsonElement, string, string?>> parts) => (Text, _parts) = (text, parts);

    public string Text { get; }

    /// <summary>The template, or the reason <paramref name="text"/> is not one.</summary>
    public static (IdTemplate? Template, string? Problem) Parse(string text)
    {
        var parts = new List<Func<IHeaderDictionary, JsonElement, string, string?>>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            var close = text.IndexOf('}', i);
            if (open < 0)
            {
                if (close >= 0)
                    return (null, $"'}}' without '{{' in \"{text}\".");
                var rest = text[i..];
                parts.Add((_, _, _) => rest);
                break;
            }
            if (close >= 0 && close < open)
                return (null, $"'}}' without '{{' in \"{text}\".");
            if (open > i)
            {
                var literal = text[i..open];
                parts.Add((_, _, _) => literal);
            }
            close = text.IndexOf('}', open);
            if (close < 0)
                return (null, $"'{{' without '}}' in \"{text}\".");
            var placeholder = text[(open + 1)..close];
            if (placeholder.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) && placeholder.Length > HeaderPrefix.Length)
            {
                var name = placeholder[HeaderPrefix.Length..];
                parts.Add((headers, _, _) => headers[name] is { Count: 1 } value && !string.IsNullOrEmpty(value[0]) ? value[0] : null);
            }
            else if (placeholder == DeliveryIdPlaceholder)
            {
                parts.Add((_, _, deliveryId) => deliveryId);
            }
            else if (JsonPointer.Parse(placeholder) is { } pointer)
            {
                if (pointer.HasWildcard)
                    return (null, $"the placeholder {{{placeholder}}} in \"{text}\" steps through an array ('*'), so it names no single value.");
                parts.Add((_, body, _) => pointer.Resolve(body).Select(JsonPointer.TextOf).FirstOrDefault() is { Length: > 0 } value ? value : null);
            }
            else
            {
                return (null, $"the placeholder {{{placeholder}}} in \"{text}\" is none of {{header:Name}}, {{/json/pointer}} or {{deliveryId}}.");
            }
            i = close + 1;
        }
        return (new IdTemplate(text, parts), null);
    }

    /// <summary>The id for this delivery, or null when a placeholder finds no value.</summary>
    public string? Resolve(IHeaderDictionary headers, JsonElement body, string deliveryId)
    {
        var id = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part(headers, body, deliveryId) is not { } value)
                return null;
            id.Append(value);
        }
        return id.Length > 0 ? id.ToString() : null;
    }
}
