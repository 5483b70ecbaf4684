using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Workflows.Contracts;

namespace Workflows.Conformance.Tests;

/// <summary>
/// Start by message, answered (docs/contracts.md): a <c>StartWorkflowInstance</c> published by a plain AMQP client with a
/// response address gets accepted or rejected, and a rejected start also lands in <see cref="QueueNames.StartRejected"/>.
/// </summary>
[Collection(FlowControlCollection.Name)]
public sealed class AnsweredStartTests(FlowControlStack stack)
{
    [Fact]
    public async Task A_start_with_a_bad_id_and_a_response_address_gets_the_rejection_and_lands_in_the_rejected_queue()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var replies = await DeclareReplyQueueAsync(channel);
        await channel.QueueDeclareAsync(QueueNames.StartRejected, durable: true, exclusive: false, autoDelete: false);
        var badId = $"bad id {Guid.NewGuid():N}";

        await PublishAsync(channel, new { workflow = "echo", instanceId = badId, @params = new { n = 1 } }, replies);

        var reply = await ReceiveAsync(channel, replies);
        Assert.Contains("urn:message:Workflows.Contracts:StartWorkflowInstanceRejected", reply.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        var message = reply.GetProperty("message");
        Assert.Equal(RejectionCodes.Invalid, message.GetProperty("code").GetString());
        Assert.Equal(badId, message.GetProperty("instanceId").GetString());
        Assert.Contains("id", message.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);

        var faulted = await ReceiveAsync(channel, QueueNames.StartRejected, m => m.GetProperty("message").GetProperty("instanceId").GetString() == badId);
        Assert.Equal(badId, faulted.GetProperty("message").GetProperty("start").GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task A_start_with_params_as_a_JSON_value_and_a_response_address_is_answered_and_runs()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var replies = await DeclareReplyQueueAsync(channel);
        var id = $"answered-{Guid.NewGuid():N}";

        await PublishAsync(channel, new { workflow = "echo", instanceId = id, @params = new { from = "amqp", n = 7 }, priority = 1 }, replies);

        var reply = await ReceiveAsync(channel, replies);
        Assert.Contains("urn:message:Workflows.Contracts:WorkflowInstanceStarted", reply.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(id, reply.GetProperty("message").GetProperty("instanceId").GetString());
        var done = await stack.WaitForStatusAsync("echo", id, TimeSpan.FromSeconds(60), InstanceStatuses.Complete);
        Assert.Equal(7, done["output"]!["n"]!.GetValue<int>());
        Assert.Equal(1, done["priority"]!.GetValue<int>());

        // The same start again is a duplicate: answered, and the instance is untouched.
        await PublishAsync(channel, new { workflow = "echo", instanceId = id, @params = new { from = "amqp", n = 8 } }, replies);
        var again = (await ReceiveAsync(channel, replies)).GetProperty("message");
        Assert.True(again.GetProperty("alreadyExisted").GetBoolean());
        Assert.Equal(InstanceStatuses.Complete, again.GetProperty("status").GetString());
    }

    /// <summary>A durable queue MassTransit can answer to: the response address names it as exchange and bound queue.</summary>
    private static async Task<string> DeclareReplyQueueAsync(IChannel channel)
    {
        var queue = $"start-replies-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        return queue;
    }

    private async Task PublishAsync(IChannel channel, object start, string replyQueue)
    {
        var rabbit = new Uri(stack.Infrastructure.RabbitMqUri);
        var vhost = rabbit.AbsolutePath.Trim('/');
        var envelope = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Workflows.Contracts:StartWorkflowInstance" },
            responseAddress = $"rabbitmq://{rabbit.Host}:{rabbit.Port}/{vhost}/{replyQueue}?bind=true&queue={replyQueue}",
            message = start,
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync("Workflows.Contracts:StartWorkflowInstance", "", false, properties, Encoding.UTF8.GetBytes(envelope));
    }

    /// <summary>The first envelope in the queue that matches, within 30 seconds.</summary>
    private static async Task<JsonElement> ReceiveAsync(IChannel channel, string queue, Func<JsonElement, bool>? matches = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var got = await channel.BasicGetAsync(queue, autoAck: true);
            if (got is null)
            {
                await Task.Delay(100);
                continue;
            }
            var envelope = JsonDocument.Parse(got.Body).RootElement.Clone();
            if (matches is null || matches(envelope))
                return envelope;
        }
        throw new TimeoutException($"nothing arrived in {queue} within 30 s");
    }
}
