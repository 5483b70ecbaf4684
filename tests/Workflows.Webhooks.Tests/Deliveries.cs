using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Webhooks.Verification;

namespace Workflows.Webhooks.Tests;

/// <summary>Signed deliveries as GitHub, Stripe and a Standard Webhooks sender would send them.</summary>
public static class Deliveries
{
    public static string IssueOpened(long number, params string[] labels) => new JsonObject
    {
        ["action"] = "opened",
        ["issue"] = new JsonObject
        {
            ["number"] = number,
            ["title"] = $"Widget {number} does not start",
            ["body"] = "It hangs at boot.",
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["name"] = l })]),
        },
        ["repository"] = new JsonObject { ["full_name"] = "acme/widgets" },
    }.ToJsonString();

    public static HttpRequestMessage GitHub(string source, string deliveryId, string githubEvent, string body, string secret)
    {
        var request = Json($"webhooks/{source}", body);
        request.Headers.Add("X-GitHub-Event", githubEvent);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", GitHubSignature.Signature(secret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage Stripe(string body, string secret, DateTimeOffset at)
    {
        var request = Json("webhooks/stripe", body);
        request.Headers.Add("Stripe-Signature", StripeSignature.Signature(secret, at, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage Standard(string id, string body, string secret, DateTimeOffset at)
    {
        var request = Json("webhooks/standard", body);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhooksSignature.Signature(secret, id, at, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static HttpRequestMessage Json(string path, string body) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
    };
}
