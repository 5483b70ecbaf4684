using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using Workflows.Testing;
using Xunit.Abstractions;

namespace Workflows.Conformance.Tests;

/// <summary>Starting an instance by publishing a message from any AMQP client, as docs/contracts.md describes.</summary>
[Collection(StackCollection.Name)]
public sealed class StartByMessageTests(DistributedStack stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_raw_amqp_publish_of_StartWorkflowInstance_starts_the_instance_and_a_duplicate_is_ignored()
    {
        var id = $"amqp-{Guid.NewGuid():N}";
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        await PublishStartAsync(channel, id, """{"from":"amqp","n":1}""");
        var instance = await stack.WaitForStatusAsync("echo", id, TimeSpan.FromSeconds(60), "complete");
        await PublishStartAsync(channel, id, """{"from":"amqp","n":2}""");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var after = await stack.GetAsync("echo", id);
        Assert.Equal("amqp", instance["output"]!["from"]!.GetValue<string>());
        Assert.Equal(1, after["output"]!["n"]!.GetValue<int>());
        Assert.Equal(instance["endedAt"]!.GetValue<string>(), after["endedAt"]!.GetValue<string>());
        var list = await stack.Api.GetStringAsync("api/workflows/echo/instances?limit=100");
        Assert.Single(JsonDocument.Parse(list).RootElement.GetProperty("instances").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    /// <summary>
    /// Issue 20: twenty starts PostgreSQL refused (a NUL in the name or the params, params that are not JSON) were retried
    /// for two minutes each in the 16 create-instances slots, and every HTTP create meanwhile answered 503 after 30 s.
    /// Now the input rules drop them at once; a start the database still refuses is faulted at once (CreateInstancesTests).
    /// </summary>
    [Fact]
    public async Task Poison_amqp_starts_published_during_a_stream_of_http_creates_leave_the_creates_p99_under_two_seconds()
    {
        const string errorQueue = "create-instances_error";
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await CreateForAsync(TimeSpan.FromSeconds(3));
        var baseline = await CreateForAsync(TimeSpan.FromSeconds(5));
        var faultedBefore = await stack.Infrastructure.MessageCountAsync(errorQueue);

        var stream = CreateForAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var poison = Enumerable.Range(0, 20).Select(i => (i % 3) switch
        {
            0 => new { workflow = "ec\0ho", instanceId = $"poison-{i}-{Guid.NewGuid():N}", paramsJson = "{}" },
            1 => new { workflow = "echo", instanceId = $"poison-{i}-{Guid.NewGuid():N}", paramsJson = "{\"a\":\"\0\"}" },
            _ => new { workflow = "echo", instanceId = $"poison-{i}-{Guid.NewGuid():N}", paramsJson = "not json" },
        }).ToList();
        foreach (var start in poison)
            await RawAmqp.PublishAsync(channel, "Workflows.Contracts:StartWorkflowInstance", "", "StartWorkflowInstance", start, mandatory: false);
        var during = await stream;
        // The input rules drop such starts at the door (docs/contracts.md): none is retried, none becomes an instance, none is faulted.
        var left = await WaitForAsync(() => stack.Infrastructure.MessageCountAsync("create-instances"), 0, TimeSpan.FromSeconds(10));
        var faulted = await stack.Infrastructure.MessageCountAsync(errorQueue);
        foreach (var start in poison)
        {
            using var read = await stack.Api.GetAsync($"api/workflows/echo/instances/{start.instanceId}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
        }

        output.WriteLine($"baseline: {baseline.Count} creates, p99 {P99(baseline).TotalMilliseconds:F0} ms; " +
                         $"with poison: {during.Count} creates, p99 {P99(during).TotalMilliseconds:F0} ms; {left} starts left in create-instances, {faulted - faultedBefore} in {errorQueue}");
        Assert.True(P99(during) < TimeSpan.FromSeconds(2), $"p99 of {during.Count} HTTP creates during the poison was {P99(during).TotalMilliseconds:F0} ms");
        Assert.Equal(0u, left);
        Assert.Equal(faultedBefore, faulted);
    }

    /// <summary>Two clients creating <c>echo</c> instances over HTTP for <paramref name="duration"/>; each create's latency (a failed create fails the test).</summary>
    private async Task<List<TimeSpan>> CreateForAsync(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            var mine = new List<TimeSpan>();
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                await stack.CreateAsync("echo", new { n = 1 });
                mine.Add(clock.Elapsed - started);
            }
            return mine;
        }));
        return [.. latencies.SelectMany(l => l).Order()];
    }

    private static TimeSpan P99(List<TimeSpan> sorted) => sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1];

    /// <summary>Reads until the value is <paramref name="expected"/> or the patience runs out; the last value read.</summary>
    private static async Task<uint> WaitForAsync(Func<Task<uint>> read, uint expected, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        uint value;
        while ((value = await read()) != expected && clock.Elapsed < patience)
            await Task.Delay(100);
        return value;
    }

    /// <summary>The envelope of docs/contracts.md, published to the message type's exchange.</summary>
    private static Task PublishStartAsync(IChannel channel, string id, string paramsJson) =>
        RawAmqp.PublishAsync(channel, "Workflows.Contracts:StartWorkflowInstance", "", "StartWorkflowInstance",
            new { workflow = "echo", instanceId = id, paramsJson }, mandatory: false);
}
