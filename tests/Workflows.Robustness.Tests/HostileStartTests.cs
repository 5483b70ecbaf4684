using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using RabbitMQ.Client;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Robustness.Tests;

/// <summary>Generated <c>StartWorkflowInstance</c> messages and malformed envelopes, from a plain AMQP client, as docs/contracts.md lets anyone send.</summary>
[Collection(RobustnessCollection.Name)]
public sealed class HostileStartTests(DistributedStack stack)
{
    private const int Starts = 80;
    private const int Malformed = 10;
    private const string CreateQueue = "create-instances";

    private static readonly Gen<(string Workflow, string Id, string Params)> Start =
        from workflow in Gen.Frequency((6, Gen.Constant("echo")), (1, Gen.Elements("nope", "ec\u0000ho", "", new string('e', 65))))
        from id in HostileInput.Id
        from parameters in Gen.Frequency((6, HostileInput.Value), (1, Gen.Constant(new string('p', 1_100_000))))
        select (workflow, id, parameters);

    [Fact]
    public async Task Generated_starts_never_hold_up_creation_and_leave_only_the_refused_starts_behind()
    {
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var mark = ServiceLogs.Mark(stack);
        var starts = Gen.Sample(Start, Starts, 20);
        foreach (var (workflow, id, parameters) in starts)
            await PublishAsync(channel, "Workflows.Contracts:StartWorkflowInstance", "",
                Envelope(new { workflow, instanceId = id, paramsJson = parameters }));
        foreach (var body in new[] { "", "{", "null", "[]", "{\"message\":{}}", "{\"messageType\":[\"urn:message:Workflows.Contracts:StartWorkflowInstance\"],\"message\":\"x\"}",
                     "{\"messageType\":[\"urn:message:Nope:Nope\"],\"message\":{}}", "\u0000", "{\"messageType\":[\"urn:message:Workflows.Contracts:StartWorkflowInstance\"],\"message\":{\"workflow\":1}}", "\ud800" }.Take(Malformed))
            await PublishAsync(channel, "", CreateQueue, body);

        // Creation goes on while the starts are consumed: an HTTP create completes at once.
        var clock = Stopwatch.StartNew();
        var probe = await stack.CreateAsync("echo", new { probe = true });
        await stack.WaitForStatusAsync("echo", probe, TimeSpan.FromSeconds(30), "complete");
        var probeSeconds = clock.Elapsed.TotalSeconds;

        await WaitUntilDrainedAsync();
        var failures = new List<string>();
        // An empty id names no instance (the path would be the list); the engine gives such a start a new id.
        foreach (var (workflow, id, _) in starts.Where(s => s.Workflow == "echo" && s.Id.Length > 0))
        {
            using var response = await stack.Api.GetAsync($"api/workflows/echo/instances/{Uri.EscapeDataString(id)}");
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
                failures.Add($"start {id} reads as {(int)response.StatusCode}: {body}");
            else if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body, documentOptions: WorkflowJson.DocumentOptions)?["status"] is null)
                failures.Add($"start {id} reads as {body}");
        }

        var queues = await stack.Infrastructure.QueuesAsync();
        var leftBehind = queues.Where(q => q.Messages > 0 && (q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal))).ToList();
        failures.AddRange(leftBehind.Where(q => !q.Name.StartsWith(CreateQueue + "_", StringComparison.Ordinal)).Select(q => $"{q.Name} holds {q.Messages} messages the suite did not send there"));
        var refused = leftBehind.Where(q => q.Name.StartsWith(CreateQueue + "_", StringComparison.Ordinal)).Sum(q => q.Messages);
        if (refused > Starts + Malformed)
            failures.Add($"{refused} messages in the create-instances error and skipped queues, more than the {Starts + Malformed} sent");
        failures.AddRange(ServiceLogs.Exited(stack));
        failures.AddRange(ServiceLogs.Unexpected(stack, mark, entry => entry.Contains(CreateQueue, StringComparison.Ordinal)));

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(probeSeconds < 15, $"an HTTP create took {probeSeconds:F1} s to complete behind the generated starts");
    }

    private async Task WaitUntilDrainedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        IReadOnlyList<QueueState> queues = [];
        while (DateTime.UtcNow < deadline)
        {
            queues = await stack.Infrastructure.QueuesAsync();
            if (queues.Where(q => q.Name == CreateQueue).All(q => q.Messages == 0))
            {
                // The management API's figures lag a few seconds; look once more after they have caught up.
                await Task.Delay(TimeSpan.FromSeconds(6));
                queues = await stack.Infrastructure.QueuesAsync();
                if (queues.Where(q => q.Name == CreateQueue).All(q => q.Messages == 0))
                    return;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"the create-instances queue did not drain within 90 s: {string.Join(", ", queues.Select(q => $"{q.Name}={q.Messages}"))}");
    }

    private static string Envelope(object message) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { "urn:message:Workflows.Contracts:StartWorkflowInstance" },
        message,
    });

    private static async Task PublishAsync(IChannel channel, string exchange, string routingKey, string body)
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }
}
