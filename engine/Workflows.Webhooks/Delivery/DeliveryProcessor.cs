using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Runtime;
using Workflows.Webhooks.Models;
using Workflows.Webhooks.Routing;

namespace Workflows.Webhooks.Delivery;

/// <summary>
/// One delivery, in the order that keeps every refusal free of effects: verify the signature over the raw bytes, read
/// the JSON, pick the first matching route, resolve its ids, and only then act — once, or answer <c>duplicate</c>.
/// Every action is keyed by ids derived from the delivery, so a copy that arrives after a crash, or at the same time on
/// another replica, is refused by the engine's own keys; the delivery log only makes the answer cheaper and exact.
/// </summary>
internal sealed class DeliveryProcessor(
    DeliveryLog log, HandOver handOver, IOptions<WorkflowRuntimeOptions> limits, TimeProvider time)
{
    public async Task<WebhookAccepted> ProcessAsync(WebhookSource source, HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        if (!source.Scheme.Verify(request.Headers, body.Span, time.GetUtcNow()))
            throw WebhookRefusal.Unauthorized();

        if (request.ContentType is { } contentType && !IsJson(contentType))
            throw WebhookRefusal.UnsupportedMediaType($"The body must be JSON (application/json); it is {contentType}.");
        using var document = Parse(body);
        if (InputRules.Json(body.Span, "Body", int.MaxValue) is { } problem)
            throw problem.Kind == InputProblemKind.TooLarge ? WebhookRefusal.TooLarge(problem.Message) : WebhookRefusal.BadRequest(problem.Message);
        var json = document.RootElement;

        var deliveryId = source.Scheme.DeliveryId(request.Headers, json)
            ?? throw WebhookRefusal.BadRequest($"The delivery carries no delivery id ({DeliveryIdName(source.Kind)}).");
        if (InputRules.EventId(deliveryId) is not null)
            throw WebhookRefusal.BadRequest($"The delivery id must be 1-{InputRules.MaxEventIdLength} characters without control characters.");

        if (source.Routes.FirstOrDefault(r => r.Matches(request.Headers, json)) is not { } route)
            return new WebhookAccepted(deliveryId, WebhookActions.Ignored, null);

        var instanceId = route.InstanceId is { } template
            ? template.Resolve(request.Headers, json, deliveryId)
                ?? throw WebhookRefusal.BadRequest($"The id template \"{template.Text}\" resolves to nothing for this delivery.")
            : DeliveryKeys.InstanceId(source.Name, deliveryId);
        if (InputRules.InstanceId(instanceId) is { } badId)
            throw WebhookRefusal.BadRequest($"The id template \"{route.InstanceId?.Text}\" gives '{instanceId}': {badId}");

        var text = Encoding.UTF8.GetString(body.Span);
        var inputProblem = route.Workflow is not null
            ? InputRules.NewInstance(route.Workflow, instanceId, text, limits.Value)
            : InputRules.Event(instanceId, DeliveryKeys.EventId(source.Name, deliveryId), route.EventType, text, limits.Value);
        if (inputProblem is not null)
            throw inputProblem.Kind == InputProblemKind.TooLarge ? WebhookRefusal.TooLarge(inputProblem.Message) : WebhookRefusal.BadRequest(inputProblem.Message);

        if (await log.FindAsync(source.Name, deliveryId, ct) is { } earlier)
            return new WebhookAccepted(deliveryId, WebhookActions.Duplicate, earlier.InstanceId);

        if (route.Workflow is not null)
        {
            // The create decides: exactly one copy of the delivery gets the instance, whichever records first.
            var created = await handOver.StartAsync(route.Workflow, instanceId, text, ct);
            await log.RecordAsync(source.Name, deliveryId, WebhookActions.Started, instanceId, ct);
            return new WebhookAccepted(deliveryId, created ? WebhookActions.Started : WebhookActions.Duplicate, instanceId);
        }

        // The Events service accepts the same event id again as the same event; the record decides which copy says so.
        await handOver.SendEventAsync(instanceId, DeliveryKeys.EventId(source.Name, deliveryId), route.EventType!, text, time.GetUtcNow(), ct);
        var first = await log.RecordAsync(source.Name, deliveryId, WebhookActions.Event, instanceId, ct);
        return new WebhookAccepted(deliveryId, first ? WebhookActions.Event : WebhookActions.Duplicate, instanceId);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, WorkflowJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw WebhookRefusal.UnsupportedMediaType($"The body is not JSON: {e.Message}");
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string DeliveryIdName(string kind) => kind switch
    {
        WebhookKinds.GitHub => "the X-GitHub-Delivery header",
        WebhookKinds.Stripe => "the event's \"id\"",
        _ => "the webhook-id header",
    };
}
