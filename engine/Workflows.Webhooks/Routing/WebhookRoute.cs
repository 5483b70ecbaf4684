using System.Text.Json;

namespace Workflows.Webhooks.Routing;

/// <summary>A configured route, parsed: its conditions and what it does (start <see cref="Workflow"/>, or send an event of <see cref="EventType"/>).</summary>
internal sealed record WebhookRoute(IReadOnlyList<MatchRule> Match, string? Workflow, string? EventType, IdTemplate? InstanceId)
{
    public bool Matches(IHeaderDictionary headers, JsonElement body) => Match.All(m => m.Holds(headers, body));
}
