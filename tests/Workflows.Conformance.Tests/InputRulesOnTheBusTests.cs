using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>The engine's input rules where HTTP does not guard: starts published on RabbitMQ, and the inbox of one instance.</summary>
[Collection(StackCollection.Name)]
public sealed class InputRulesOnTheBusTests(DistributedStack stack)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Starts_that_break_the_input_rules_are_dropped_at_once_and_a_valid_start_behind_them_completes()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var poison = new (string Workflow, string Id, string? ParamsJson)[]
        {
            ("ec\0ho", $"nul-name-{run}", "{}"),
            ("echo", $"nul-raw-{run}", "{\"a\":\"\0\"}"),
            ("echo", $"nul-escaped-{run}", "{\"a\":\"\\u0000\"}"),
            ("echo", $"not-json-{run}", "{orderId: 42"),
            ("echo", $"surrogate-{run}", "{\"a\":\"\\ud800\"}"),
            ("echo", $"too-deep-{run}", new string('[', 65) + new string(']', 65)),
            ("echo", $"too-big-{run}", $"\"{new string('x', 2 * 1024 * 1024)}\""),
            ("echo", $"bad id {run}", "{}"),
            (new string('w', 65), $"long-name-{run}", "{}"),
        };
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        // Well over the Orchestrator's 16 create slots: were any of them retried, the valid start would queue behind them.
        for (var round = 0; round < 8; round++)
            foreach (var (workflow, id, paramsJson) in poison)
                await PublishStartAsync(channel, workflow, id, paramsJson);
        var valid = $"valid-{run}";
        await PublishStartAsync(channel, "echo", valid, "{\"ok\":true}");

        var instance = await stack.WaitForStatusAsync("echo", valid, TimeSpan.FromSeconds(20), "complete");

        Assert.True(instance["output"]!["ok"]!.GetValue<bool>());
        foreach (var (_, id, _) in poison.Where(p => !p.Id.Contains(' ', StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.NotFound, (await stack.Api.GetAsync($"api/workflows/echo/instances/{id}")).StatusCode);
        // Nothing of them is left or retried (a retry would hold its message for minutes). RabbitMQ's management API counts
        // with a lag of its statistics interval (5 s), so the count is read until it has caught up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        IReadOnlyList<QueueState> creates;
        while ((creates = [.. (await stack.Infrastructure.QueuesAsync()).Where(q => q.Name.StartsWith("create-instances", StringComparison.Ordinal))]).Any(q => q.Messages > 0)
            && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.All(creates, q => Assert.Equal(0, q.Messages));
        var log = stack.OutputOf("Workflows.Orchestrator");
        Assert.Contains("NUL", log, StringComparison.Ordinal);
        Assert.Contains("over the limit of 1,048,576 bytes", log, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_buffers_at_most_1000_events_and_the_next_is_a_409_naming_the_limit()
    {
        var id = await stack.CreateAsync("approval", new { timeout = "1 hour" });
        await stack.WaitForStatusAsync("approval", id, Timeout, "waiting");

        // Events of a type the instance never waits for stay in its inbox.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            using var sent = await stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/noise", new { n }, ct);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        });
        using var refused = await stack.Api.PostAsJsonAsync($"api/workflows/approval/instances/{id}/events/approval", new { approved = true });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("MaxBufferedEvents", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var terminate = await stack.Api.PostAsync($"api/workflows/approval/instances/{id}/terminate", null);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
    }

    /// <summary>The envelope of docs/contracts.md, published to the message type's exchange.</summary>
    private static Task PublishStartAsync(IChannel channel, string workflow, string id, string? paramsJson) =>
        RawAmqp.PublishAsync(channel, "Workflows.Contracts:StartWorkflowInstance", "", "StartWorkflowInstance",
            new { workflow, instanceId = id, paramsJson }, mandatory: false);
}
