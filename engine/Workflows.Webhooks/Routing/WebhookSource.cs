using Workflows.Runtime;
using Workflows.Webhooks.Verification;

namespace Workflows.Webhooks.Routing;

/// <summary>A configured source, parsed and checked once at start: its name, signature scheme and routes.</summary>
internal sealed class WebhookSource
{
    /// <summary>Longest source name (the <c>webhook_deliveries.source</c> column).</summary>
    public const int MaxNameLength = 64;

    private WebhookSource(string name, string kind, ISignatureScheme scheme, IReadOnlyList<WebhookRoute> routes) =>
        (Name, Kind, Scheme, Routes) = (name, kind, scheme, routes);

    public string Name { get; }

    public string Kind { get; }

    public ISignatureScheme Scheme { get; }

    public IReadOnlyList<WebhookRoute> Routes { get; }

    /// <summary>What is wrong with the source's settings, as the key (under <c>Webhooks</c>) and one sentence; null when it is valid.</summary>
    public static (string Key, string Message)? Problem(string name, WebhookSourceOptions options)
    {
        try
        {
            Create(name, options);
            return null;
        }
        catch (SourceSettingException e)
        {
            return (e.Key, e.Message);
        }
    }

    /// <summary>The parsed source; a bad setting throws <see cref="SourceSettingException"/> naming its key.</summary>
    public static WebhookSource Create(string name, WebhookSourceOptions options)
    {
        var key = $"Sources:{name}";
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new SourceSettingException(key, $"A source name is 1-{MaxNameLength} characters of A-Z, a-z, 0-9, '-' and '_' (it is the path /webhooks/{{source}}).");

        var kind = options.Kind?.Trim().ToLowerInvariant();
        if (kind is null || !WebhookKinds.All.Contains(kind))
            throw new SourceSettingException($"{key}:Kind", $"Must be one of {string.Join(", ", WebhookKinds.All)}; got '{options.Kind}'.");
        var secrets = options.Secrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (secrets.Count == 0)
            throw new SourceSettingException($"{key}:Secrets", "At least one secret is required (Secrets:0); deliveries are verified by their signatures.");
        if (kind == WebhookKinds.Standard && secrets.FindIndex(s => StandardWebhooksSignature.Key(s) is null) is var bad and >= 0)
            throw new SourceSettingException($"{key}:Secrets:{bad}", "A Standard Webhooks secret is 'whsec_' followed by base64.");
        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > TimeSpan.FromDays(1))
            throw new SourceSettingException($"{key}:Tolerance", $"Must be more than zero and at most one day; got {options.Tolerance}.");

        ISignatureScheme scheme = kind switch
        {
            WebhookKinds.GitHub => new GitHubSignature(secrets),
            WebhookKinds.Stripe => new StripeSignature(secrets, options.Tolerance),
            _ => new StandardWebhooksSignature(secrets, options.Tolerance),
        };
        var routes = options.Routes.Select((route, i) => Route($"{key}:Routes:{i}", route)).ToList();
        return new WebhookSource(name.ToLowerInvariant(), kind, scheme, routes);
    }

    private static WebhookRoute Route(string key, WebhookRouteOptions route)
    {
        var match = route.Match.Select((m, j) => Match($"{key}:Match:{j}", m)).ToList();
        if ((route.Start is null) == (route.Event is null))
            throw new SourceSettingException(key, "A route has either Start:Workflow or Event:Type with Event:InstanceId, not both or neither.");
        if (route.Start is { } start)
        {
            if (WorkflowNames.ValidateWorkflowName(start.Workflow) is { } problem)
                throw new SourceSettingException($"{key}:Start:Workflow", problem);
            return new WebhookRoute(match, start.Workflow, null, string.IsNullOrEmpty(start.Id) ? null : Template($"{key}:Start:Id", start.Id));
        }
        var evt = route.Event!;
        if (InputRules.EventType(evt.Type) is { } badType)
            throw new SourceSettingException($"{key}:Event:Type", badType);
        if (string.IsNullOrWhiteSpace(evt.InstanceId))
            throw new SourceSettingException($"{key}:Event:InstanceId", "The template of the receiving instance's id is required, such as \"{/data/object/metadata/instance}\".");
        return new WebhookRoute(match, null, evt.Type, Template($"{key}:Event:InstanceId", evt.InstanceId));
    }

    private static MatchRule Match(string key, WebhookMatchOptions m)
    {
        if (string.IsNullOrEmpty(m.Pointer) == string.IsNullOrEmpty(m.Header))
            throw new SourceSettingException(key, "A match has either Pointer (a JSON pointer such as /action) or Header (a header's name), not both or neither.");
        if (m.Value is null)
            throw new SourceSettingException($"{key}:Equals", "The value to compare with is required (\"a|b\" matches either).");
        JsonPointer? pointer = null;
        if (!string.IsNullOrEmpty(m.Pointer) && (pointer = JsonPointer.Parse(m.Pointer)) is null)
            throw new SourceSettingException($"{key}:Pointer", $"A JSON pointer starts with '/'; got '{m.Pointer}'.");
        return new MatchRule(pointer, string.IsNullOrEmpty(m.Header) ? null : m.Header, m.Value.Split('|'));
    }

    private static IdTemplate Template(string key, string text)
    {
        var (template, problem) = IdTemplate.Parse(text);
        return template ?? throw new SourceSettingException(key, char.ToUpperInvariant(problem![0]) + problem[1..]);
    }
}
