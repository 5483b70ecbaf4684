using System.Text.Json;

namespace Workflows.Webhooks.Routing;

/// <summary>One condition of a route: a body value (any, through '*') or a header equals one of <see cref="Values"/>.</summary>
internal sealed record MatchRule(JsonPointer? Pointer, string? Header, IReadOnlyList<string> Values)
{
    public bool Holds(IHeaderDictionary headers, JsonElement body)
    {
        var candidates = Pointer is not null
            ? Pointer.Resolve(body).Select(JsonPointer.TextOf)
            : headers[Header!].Select(v => (string?)v);
        return candidates.Any(c => c is not null && Values.Contains(c, StringComparer.Ordinal));
    }
}
