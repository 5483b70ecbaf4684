using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using Workflows.Benchmarks.Results;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Creation rate of <c>echo</c> instances two ways: through the Api's batch endpoint (acceptance rate: the last
/// 201 answered), and by publishing <c>StartWorkflowInstance</c> envelopes over plain AMQP as docs/contracts.md shows
/// (first publish → the last row's <c>created_at</c>).
/// </summary>
internal sealed class CreationRateScenario : IScenario
{
    private const string BatchPrefix = "cb-";
    private const string AmqpPrefix = "ca-";
    private const int PublishWindow = 500;

    public string Name => "creation";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var count = context.Options.Size(10_000, 1_000);
        var halfway = DateTime.UtcNow + (context.Deadline - DateTime.UtcNow) / 2;

        Progress.Write($"  creating {count:N0} × echo through the batch endpoint");
        var items = Enumerable.Range(0, count).Select(i => ($"{BatchPrefix}{i:D6}", (object?)new { n = i })).ToList();
        var creation = await engine.CreateInBatchesAsync("echo", items, concurrency: 4, ct);
        result.Add("batch endpoint", creation.AcceptedPerSecond, "creates/s");
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));
        // Let the batch's runs finish first, so the AMQP creates do not compete with them.
        var batchDone = await engine.WaitForAsync(BatchPrefix, c => c.Finished >= creation.Accepted, halfway, "batch runs", ct);

        Progress.Write($"  publishing {count:N0} StartWorkflowInstance over AMQP");
        var factory = new ConnectionFactory { Uri = new Uri(engine.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var firstPublish = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += PublishWindow)
        {
            var window = Enumerable.Range(start, Math.Min(PublishWindow, count - start));
            await Task.WhenAll(window.Select(i => PublishStartAsync(channel, $"{AmqpPrefix}{i:D6}", ct).AsTask()));
        }
        result.Add("AMQP publish (confirmed)", count / clock.Elapsed.TotalSeconds, "messages/s");

        var rows = await engine.WaitForAsync(AmqpPrefix, c => c.Total >= count, context.Deadline, "AMQP creates", ct);
        var seconds = ((rows.LastCreatedAt ?? DateTime.UtcNow) - firstPublish).TotalSeconds;
        result.Add("AMQP rows created", rows.Total, "");
        result.Add("StartWorkflowInstance", rows.Total / seconds, "creates/s");
        result.Completed = creation.Rejected == 0 && batchDone.Finished >= creation.Accepted && rows.Total >= count;
    }

    /// <summary>The envelope of docs/contracts.md, to the message type's fanout exchange, persistent.</summary>
    private static ValueTask PublishStartAsync(IChannel channel, string id, CancellationToken ct)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Workflows.Contracts:StartWorkflowInstance" },
            message = new { workflow = "echo", instanceId = id, paramsJson = """{"via":"amqp"}""" },
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        return channel.BasicPublishAsync("Workflows.Contracts:StartWorkflowInstance", "", mandatory: false, properties, envelope, ct);
    }
}
