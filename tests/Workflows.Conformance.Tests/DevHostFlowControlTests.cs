using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Contracts;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>Flow control on the embedded host (SQLite, in-memory bus): <c>limited</c> as declared, two at once and one per tenant.</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostFlowControlTests(DevHostStack stack)
{
    [Fact]
    public async Task Limited_runs_at_most_two_at_once_and_one_per_tenant_and_every_instance_completes()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        // Tenants a, a, b, c, d, e: the two of tenant a never overlap, and no more than two run at all.
        var tenants = new[] { "a", "a", "b", "c", "d", "e" };
        using var response = await stack.Api.PostAsJsonAsync("api/workflows/limited/instances/batch",
            tenants.Select((t, i) => new { id = $"{run}-{i}", @params = new { tenant = $"{run}-{t}", seconds = 0.5 } }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.All(JsonNode.Parse(body)!.AsArray(), created => Assert.Equal(InstanceStatuses.Queued, created!["status"]!.GetValue<string>()));

        var done = new List<JsonObject>();
        for (var i = 0; i < tenants.Length; i++)
            done.Add(await stack.WaitForStatusAsync("limited", $"{run}-{i}", TimeSpan.FromSeconds(90), InstanceStatuses.Complete));

        var spans = done.Select(InstanceSpans.Of).ToList();
        Assert.True(InstanceSpans.MostAtOnce(spans) <= 2, $"{InstanceSpans.MostAtOnce(spans)} ran at once");
        Assert.Equal(1, InstanceSpans.MostAtOnce(spans.Take(2)));
        Assert.Equal($"{run}-a", done[0]["output"]!.GetValue<string>());
    }
}
