using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Workflows.Testing;

namespace Workflows.Conformance.Tests;

/// <summary>Any service can subscribe to the lifecycle events the Orchestrator publishes.</summary>
[Collection(StackCollection.Name)]
public sealed class LifecycleEventTests(DistributedStack stack)
{
    [Fact]
    public async Task A_subscriber_hears_created_started_and_completed_for_an_instance()
    {
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true, autoDelete: true)).QueueName;
        foreach (var type in new[] { "InstanceCreated", "InstanceStarted", "InstanceCompleted" })
        {
            // The exchange MassTransit publishes each message type to (declared the way MassTransit declares it).
            var exchange = $"Workflows.Contracts:{type}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        var received = new ConcurrentQueue<(string Type, string InstanceId)>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
            var type = envelope.RootElement.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
            received.Enqueue((type, envelope.RootElement.GetProperty("message").GetProperty("instanceId").GetString()!));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var id = await stack.CreateAsync("echo", new { x = 1 });
        await stack.WaitForStatusAsync("echo", id, TimeSpan.FromSeconds(60), "complete");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count(r => r.InstanceId == id) < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        var mine = received.Where(r => r.InstanceId == id).Select(r => r.Type).ToList();
        Assert.Equal(["InstanceCreated", "InstanceStarted", "InstanceCompleted"], mine);
    }
}
