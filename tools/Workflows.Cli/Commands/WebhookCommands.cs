using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Client;
using Workflows.Cli.Webhooks;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows webhooks send &lt;source&gt; --file &lt;payload.json&gt; [--event TYPE]</c>: a signed delivery, as the sender would make it.</summary>
internal static class WebhookCommands
{
    public static Command Create(CommandRunner run, CliEnvironment environment)
    {
        var source = new Argument<string>("source") { Description = "The configured source (Webhooks:Sources:{source}), the path /webhooks/{source}." };
        var file = new Option<string>("--file") { Description = "The payload: a JSON file, sent byte for byte as signed.", Required = true };
        var githubEvent = new Option<string?>("--event") { Description = "GitHub's X-GitHub-Event, such as issues (GitHub sources only)." };
        var kind = new Option<string?>("--kind") { Description = "github, stripe or standard (else Webhooks__Sources__{source}__Kind or --config)." };
        var secret = new Option<string?>("--secret") { Description = "The secret to sign with (else Webhooks__Sources__{source}__Secrets__0 or --config)." };
        var config = new Option<string?>("--config") { Description = "A settings file of the service (appsettings.json shape) to read the source's kind and first secret from." };
        var send = new Command("send", "Sign a payload with a configured source's secret and POST it to /webhooks/{source}.") { source, file, githubEvent, kind, secret, config };

        run.Bind(send, async (ctx, ct) =>
        {
            var name = ctx.Value(source);
            var settings = WebhookSourceSettings.Resolve(name, ctx.Value(kind), ctx.Value(secret), ctx.Value(config), environment);
            var body = Read(ctx.Value(file)!);
            var headers = WebhookSigner.Headers(settings.Kind, settings.Secret, body, ctx.Value(githubEvent), Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
            var answer = await PostAsync(ctx.Http, name, body, headers, settings.Kind, ct);
            ctx.Write(answer, (output, value) => output.WriteLine(
                $"{value["action"]} {value["instanceId"]?.ToString() ?? ""} (delivery {value["deliveryId"]})".Replace("  ", " ", StringComparison.Ordinal)));
            return ExitCodes.Ok;
        });
        return new Command("webhooks", "Send signed webhook deliveries, as GitHub, Stripe or a Standard Webhooks sender would.") { send };
    }

    /// <summary>POSTs the delivery to <c>webhooks/{source}</c> with its bytes exactly as signed; the answer is <c>{ deliveryId, action, instanceId? }</c>.</summary>
    private static async Task<JsonObject> PostAsync(HttpClient http, string source, byte[] body, IReadOnlyDictionary<string, string> headers, string kind, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"webhooks/{Uri.EscapeDataString(source)}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new CliException(ExitCodes.Unauthorized, $"the Webhooks service refused the signature (401): the secret is not one of Webhooks:Sources:{source}:Secrets, or the kind is not '{kind}'.");
        if (!response.IsSuccessStatusCode)
            throw await WorkflowsApiException.FromResponseAsync(response, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The answer is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new WorkflowsApiException((int)response.StatusCode, "Unexpected answer", $"POST webhooks/{source} answered a body this CLI cannot read: {e.Message}");
        }
    }

    private static byte[] Read(string path)
    {
        byte[] body;
        try
        {
            body = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {path}: {e.Message}");
        }
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"{path} is not JSON: {e.Message}");
        }
        return body;
    }
}
