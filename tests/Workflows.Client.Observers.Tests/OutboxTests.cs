using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Workflows.Storage;
using Xunit.Abstractions;

namespace Workflows.Client.Observers.Tests;

/// <summary>Lifecycle events leave through the transactional outbox: killing the Orchestrator loses none.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class OutboxTests(LifecycleStack stack, ITestOutputHelper output)
{
    private const int Instances = 1_000;
    private const int BatchSize = 50;

    // Enough kills to land between commits and publishes many times, few enough that the run stays within a few minutes on 2 cores.
    private const int Kills = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_Orchestrator_killed_9_repeatedly_during_1000_instances_loses_no_completed_event()
    {
        var received = new ConcurrentQueue<(string MessageId, string InstanceId)>();
        var factory = new ConnectionFactory { Uri = new Uri(stack.Infrastructure.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(exclusive: true, autoDelete: true)).QueueName;
        // The exchange MassTransit publishes InstanceCompleted to, declared the way MassTransit declares it.
        await channel.ExchangeDeclareAsync("Workflows.Contracts:InstanceCompleted", ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(queue, "Workflows.Contracts:InstanceCompleted", "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
            received.Enqueue((envelope.RootElement.GetProperty("messageId").GetString()!,
                envelope.RootElement.GetProperty("message").GetProperty("instanceId").GetString()!));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var prefix = $"ob-{Guid.NewGuid():N}"[..12];
        var ids = Enumerable.Range(0, Instances).Select(i => $"{prefix}-{i}").ToList();
        var clock = Stopwatch.StartNew();
        using var stopKilling = new CancellationTokenSource();
        var kills = 0;
        var killer = Task.Run(async () =>
        {
            while (!stopKilling.IsCancellationRequested && kills < Kills)
            {
                // Short uptimes, so at least three kills land before a fast machine has finished the thousand.
                await Task.Delay(TimeSpan.FromSeconds(2));
                stack.Kill("Workflows.Orchestrator");
                kills++;
                await stack.StartAsync("Workflows.Orchestrator");
            }
        });

        try
        {
            // Four creators at once, as several clients would.
            var batches = new ConcurrentQueue<string[]>(ids.Chunk(BatchSize));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                while (batches.TryDequeue(out var batch))
                    await CreateBatchAsync(batch);
            }));
            var deadline = DateTime.UtcNow + Patience;
            while (await CountCompleteAsync(prefix) < Instances && DateTime.UtcNow < deadline)
                await Task.Delay(500);
        }
        finally
        {
            stopKilling.Cancel();
            await killer;
            await stack.EnsureRunningAsync("Workflows.Orchestrator");
        }
        Assert.Equal(Instances, await CountCompleteAsync(prefix));

        var heardBy = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Mine().Select(r => r.InstanceId).Distinct().Count() < Instances && DateTime.UtcNow < heardBy)
            await Task.Delay(200);

        var mine = Mine();
        var byMessage = mine.DistinctBy(r => r.MessageId).ToList();
        output.WriteLine($"{Instances} instances in {clock.Elapsed.TotalSeconds:F0} s, {kills} kill(s) of the Orchestrator; " +
                         $"{mine.Count} InstanceCompleted deliveries, {mine.Count - byMessage.Count} duplicate(s) by message id");
        Assert.True(kills >= 3, $"only {kills} kill(s) happened");
        // After de-duplication by message id: exactly one completed event per instance, none lost.
        Assert.Equal(ids.Order(), byMessage.Select(r => r.InstanceId).Order());

        List<(string MessageId, string InstanceId)> Mine() => [.. received.Where(r => r.InstanceId.StartsWith(prefix + "-", StringComparison.Ordinal))];
    }

    /// <summary>Creates a batch, retrying while the Orchestrator is down; a 409 means an earlier try created it (a batch is all or none).</summary>
    private async Task CreateBatchAsync(string[] batch)
    {
        var body = batch.Select(id => new { id, @params = new { x = 1 } }).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await stack.Api.PostAsJsonAsync("api/workflows/echo/instances/batch", body);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
                    return;
                if (attempt > 30)
                    throw new InvalidOperationException($"batch refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (TaskCanceledException) when (attempt <= 30)
            {
            }
            await Task.Delay(500);
        }
    }

    private async Task<int> CountCompleteAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(stack.Infrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM workflows.instances WHERE instance_id LIKE @prefix AND current_state = @state", connection);
        count.Parameters.AddWithValue("prefix", prefix + "-%");
        count.Parameters.AddWithValue("state", InstanceStates.Complete);
        return (int)(long)(await count.ExecuteScalarAsync())!;
    }
}
