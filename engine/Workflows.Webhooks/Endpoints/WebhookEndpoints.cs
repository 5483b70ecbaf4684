using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Hosting;
using Workflows.Storage;
using Workflows.Webhooks.Delivery;
using Workflows.Webhooks.Models;
using Workflows.Webhooks.Routing;

namespace Workflows.Webhooks.Endpoints;

/// <summary><c>POST /webhooks/{source}</c>: authenticated by the delivery's signature, not by an API key.</summary>
internal sealed class WebhookEndpoints : IWorkflowsEndpoints
{
    public const string Path = "/webhooks/{source}";
    private const string ProblemJson = "application/problem+json";
    private const int ChunkSize = 16 * 1024;

    public void Map(WebApplication app) =>
        app.MapPost(Path, ReceiveAsync)
            .WithTags("Webhooks")
            .WithName("ReceiveWebhook")
            .WithSummary("A signed delivery from the configured source: starts an instance or sends an event, once per delivery id.")
            .Produces<WebhookAccepted>(StatusCodes.Status202Accepted);

    private static async Task<IResult> ReceiveAsync(
        string source, HttpRequest request, WebhookSources sources, DatabaseSchema schema, DeliveryProcessor processor,
        IOptions<WebhooksOptions> options, ILogger<WebhookEndpoints> logger, CancellationToken ct)
    {
        try
        {
            var configured = sources.Find(source) ?? throw WebhookRefusal.NotFound($"No webhook source '{source}' is configured (Webhooks:Sources:{source}).");
            if (!schema.IsReady)
                throw WebhookRefusal.Unavailable("The engine's database is not ready yet; deliver again in a moment.");
            var body = await ReadAsync(request, options.Value.MaxBodyBytes, ct);
            return TypedResults.Accepted((string?)null, await processor.ProcessAsync(configured, request, body, ct));
        }
        catch (WebhookRefusal refusal)
        {
            if (refusal.RetryAfter is { } retry)
                request.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(refusal.Status, refusal.Detail);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Whatever failed (the database, the bus), nothing was confirmed: the sender must deliver again.
            logger.LogError(e, "Webhook delivery to source {Source} failed", source);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "The delivery could not be handed over; deliver again later.");
        }
    }

    /// <summary>The body's bytes; more than <paramref name="maxBytes"/> is a 413 without reading the rest.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            throw TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = maxBytes + 1L;
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkSize, maxBytes));
        var chunk = new byte[ChunkSize];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    throw TooLarge(maxBytes);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static WebhookRefusal TooLarge(int maxBytes) =>
        WebhookRefusal.TooLarge($"The body is larger than the limit of {maxBytes:N0} bytes (Webhooks:MaxBodyBytes).");

    private static IResult Problem(int status, string? detail) => TypedResults.Json(
        new ProblemDetails
        {
            Type = $"https://tools.ietf.org/html/rfc9110#section-{(status < 500 ? "15.5" : "15.6")}",
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Status = status,
            Detail = detail,
        },
        contentType: ProblemJson,
        statusCode: status);
}
