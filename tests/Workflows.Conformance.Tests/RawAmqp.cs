using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Workflows.Conformance.Tests;

/// <summary>What any AMQP client does to reach the engine (docs/contracts.md): a MassTransit JSON envelope, published persistent.</summary>
internal static class RawAmqp
{
    /// <summary>
    /// Publishes <paramref name="message"/> as the contract record <paramref name="contract"/> of Workflows.Contracts.
    /// Exchange "" with a queue name as <paramref name="routingKey"/> puts it straight into that queue.
    /// </summary>
    public static async Task PublishAsync(IChannel channel, string exchange, string routingKey, string contract, object message, bool mandatory)
    {
        var envelope = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { $"urn:message:Workflows.Contracts:{contract}" },
            message,
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory, properties, Encoding.UTF8.GetBytes(envelope));
    }
}
