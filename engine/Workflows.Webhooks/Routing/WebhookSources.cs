using Microsoft.Extensions.Options;

namespace Workflows.Webhooks.Routing;

/// <summary>The configured sources by name (case-insensitive), parsed once from the validated options.</summary>
internal sealed class WebhookSources(IOptions<WebhooksOptions> options)
{
    private readonly Dictionary<string, WebhookSource> _sources = options.Value.Sources
        .ToDictionary(s => s.Key, s => WebhookSource.Create(s.Key, s.Value), StringComparer.OrdinalIgnoreCase);

    public WebhookSource? Find(string name) => _sources.GetValueOrDefault(name);
}
