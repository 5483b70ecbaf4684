using System.Text.Json;
using RabbitMQ.Client;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>Starting an instance by publishing a message from any AMQP client, as docs/contracts.md describes.</summary>
[Collection(StackCollection.Name)]
public sealed class StartByMessageTests(DistributedStack stack)
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

    /// <summary>The envelope of docs/contracts.md, published to the message type's exchange.</summary>
    private static Task PublishStartAsync(IChannel channel, string id, string paramsJson) =>
        RawAmqp.PublishAsync(channel, "Workflows.Contracts:StartWorkflowInstance", "", "StartWorkflowInstance",
            new { workflow = "echo", instanceId = id, paramsJson }, mandatory: false);
}
