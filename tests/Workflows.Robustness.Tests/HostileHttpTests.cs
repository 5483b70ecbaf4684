using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using Xunit.Abstractions;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Robustness.Tests;

/// <summary>Generated hostile requests on every HTTP route of the distributed stack.</summary>
[Collection(RobustnessCollection.Name)]
public sealed class HostileHttpTests(DistributedStack stack, ITestOutputHelper output)
{
    private const int Requests = 300;

    [Fact]
    public async Task Generated_requests_on_every_route_get_no_5xx_and_every_accepted_instance_stays_readable()
    {
        var mark = ServiceLogs.Mark(stack);
        var failures = new List<string>();
        var created = new List<(string Workflow, string Id)>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var request in Gen.Sample(HostileRequests.Any, Requests, 20))
        {
            using var message = request.ToMessage();
            using var response = await stack.Api.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500 && status != (int)HttpStatusCode.ServiceUnavailable)
                failures.Add($"{status} for {request}: {body}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !RefusedByKestrel(response, body))
                failures.Add($"{status} without a problem body for {request}: [{response.Content.Headers.ContentType}] {body}");
            else if (status is 201 && request.CreatesIn is { } workflow)
                created.AddRange(CreatedIds(body, request.IsBatch).Select(id => (workflow, id)));
        }

        foreach (var (workflow, id) in created.Distinct())
        {
            using var response = await stack.Api.GetAsync($"api/workflows/{Uri.EscapeDataString(workflow)}/instances/{id}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(body, documentOptions: WorkflowJson.DocumentOptions)?["status"] is null)
                failures.Add($"accepted instance {workflow}/{id} reads as {(int)response.StatusCode}: {body}");
        }
        foreach (var (_, id) in created.Where(c => c.Workflow == "echo").Distinct())
            failures.AddRange(await EchoRoundTripAsync(id));

        failures.AddRange(ServiceLogs.Exited(stack));
        failures.AddRange(ServiceLogs.Unexpected(stack, mark));
        output.WriteLine($"answers: {string.Join(", ", statuses.Select(x => $"{x.Key}×{x.Value}"))}; instances created: {created.Count}");
        Assert.True(failures.Count == 0, $"{failures.Count} problems after {Requests} requests ({created.Count} instances created):\n{string.Join("\n", failures.Take(30))}");
        // Enough accepted instances that the round trip is tested, not only the refusals.
        Assert.True(created.Count >= 20, $"only {created.Count} of {Requests} generated requests created an instance");
    }

    /// <summary>echo returns its params: an accepted instance completes, and what it returns is what was accepted.</summary>
    private async Task<IEnumerable<string>> EchoRoundTripAsync(string id)
    {
        try
        {
            var instance = await stack.WaitForStatusAsync("echo", id, TimeSpan.FromSeconds(60), "complete", "errored", "terminated", "paused");
            var status = instance["status"]!.GetValue<string>();
            if (status is "terminated" or "paused")
                return [];
            return status == "complete" && SameJson(instance["params"], instance["output"])
                ? []
                : [$"echo {id} ended {status} with output {instance["output"]?.ToJsonString()} for params {instance["params"]?.ToJsonString()}, error {instance["error"]?.ToJsonString()}"];
        }
        catch (TimeoutException e)
        {
            return [e.Message];
        }
    }

    /// <summary>
    /// Kestrel refuses some request lines before the application sees them (an encoded NUL in the path): 400, no body,
    /// connection closed. No middleware runs for those, so they cannot carry a problem body (docs/api.md says so).
    /// </summary>
    private static bool RefusedByKestrel(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.BadRequest && body.Length == 0 && response.Headers.ConnectionClose == true;

    /// <summary>JSON equality that also holds for objects with a repeated property name (JSON allows them; JsonNode does not).</summary>
    private static bool SameJson(JsonNode? a, JsonNode? b)
    {
        using var left = JsonDocument.Parse(a?.ToJsonString() ?? "null", WorkflowJson.DocumentOptions);
        using var right = JsonDocument.Parse(b?.ToJsonString() ?? "null", WorkflowJson.DocumentOptions);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }

    private static IEnumerable<string> CreatedIds(string body, bool batch)
    {
        var json = JsonNode.Parse(body)!;
        return batch ? json.AsArray().Select(i => i!["id"]!.GetValue<string>()) : [json["id"]!.GetValue<string>()];
    }
}
