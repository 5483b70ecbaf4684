using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Contracts;
using Workflows.Hosting;
using Workflows.Storage;
using Workflows.Testing;
using Xunit.Abstractions;

namespace Workflows.Orchestrator.Tests.Consumers;

/// <summary>The create-instances endpoint on real RabbitMQ and PostgreSQL: what it does with starts it cannot store, and with duplicates.</summary>
public sealed class CreateInstancesTests(IsolatedInfrastructure infra, ITestOutputHelper output) : IClassFixture<IsolatedInfrastructure>
{
    private const string Refused = "refused";
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Issue 20: twenty StartWorkflowInstance messages the database refused held the 16 create-instances slots for two
    /// minutes each (every database error was retried), so every create answered 503 meanwhile.
    /// </summary>
    [Fact]
    public async Task Poison_starts_published_during_a_stream_of_creates_reach_the_error_queue_within_seconds_and_the_creates_p99_stays_under_two_seconds()
    {
        using var host = await StartOrchestratorAsync();
        await PrepareDatabaseAsync(host);
        var client = host.Services.GetRequiredService<IRequestClient<CreateInstances>>();
        await CreateAsync(client);

        using var streaming = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var stream = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateUntilAsync(client, streaming.Token)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var poison = PoisonStarts();
        var bus = host.Services.GetRequiredService<IBus>();
        var published = Stopwatch.StartNew();
        foreach (var start in poison)
            await bus.Publish(start);
        // The starts the input rules refuse are dropped at the door (docs/contracts.md); the database's refusals fault at once.
        var refusedByDatabase = poison.Count(p => p.Workflow == Refused);
        var errorQueue = await WaitForMessagesAsync($"{QueueNames.CreateInstances}_error", refusedByDatabase, TimeSpan.FromSeconds(10));
        var drained = published.Elapsed;
        var latencies = (await stream).SelectMany(l => l).Order().ToList();

        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        output.WriteLine($"{errorQueue} of {poison.Count} poison starts ({refusedByDatabase} refused by the database) in the error queue {drained.TotalSeconds:F1} s after publishing; " +
                         $"{latencies.Count} creates, p99 {p99.TotalMilliseconds:F0} ms, max {latencies[^1].TotalMilliseconds:F0} ms");
        Assert.True(errorQueue == refusedByDatabase, $"{errorQueue} of the {refusedByDatabase} starts the database refuses in the error queue after {drained.TotalSeconds:F1} s");
        Assert.Equal(0u, await infra.MessageCountAsync(QueueNames.CreateInstances));
        Assert.True(p99 < TimeSpan.FromSeconds(2),
            $"p99 of {latencies.Count} creates was {p99.TotalMilliseconds:F0} ms (max {latencies[^1].TotalMilliseconds:F0} ms)");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_create_with_an_instance_id_in_use_is_rejected_and_logged_at_information_without_a_stack_trace()
    {
        var logs = new LogCapture();
        using var host = await StartOrchestratorAsync(logs);
        var client = host.Services.GetRequiredService<IRequestClient<CreateInstances>>();
        var create = new CreateInstances([new NewInstance("echo", $"dup-{Guid.NewGuid():N}", "{}")]);
        await client.GetResponse<InstancesCreated, InstancesRejected>(create);
        var before = logs.Entries.Count;

        var second = await client.GetResponse<InstancesCreated, InstancesRejected>(create);

        Assert.True(second.Is(out Response<InstancesRejected>? _), "the second create with the same id was not rejected");
        var logged = logs.Entries.Skip(before).ToList();
        Assert.Contains(logged, e => e.Level == LogLevel.Information && e.Message.Contains("already in use", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Warning || (e.Level >= LogLevel.Information && e.Exception is not null));
        await host.StopAsync();
    }

    /// <summary>
    /// Starts the database refuses for good: a NUL in the workflow name or in the params, params that are not JSON (input
    /// validation may catch these first), and a valid start that a constraint of this test's database refuses, which no
    /// input validation can see coming.
    /// </summary>
    private static List<StartWorkflowInstance> PoisonStarts() =>
    [
        .. Enumerable.Range(0, 5).SelectMany(i => new[]
        {
            new StartWorkflowInstance("ech\0o", $"nul-name-{i}-{Guid.NewGuid():N}", "{}"),
            new StartWorkflowInstance("echo", $"nul-params-{i}-{Guid.NewGuid():N}", "{\"a\":\"\0\"}"),
            new StartWorkflowInstance("echo", $"not-json-{i}-{Guid.NewGuid():N}", "not json"),
            new StartWorkflowInstance(Refused, $"refused-{i}-{Guid.NewGuid():N}", "{}"),
        }),
    ];

    private static async Task<List<TimeSpan>> CreateUntilAsync(IRequestClient<CreateInstances> client, CancellationToken stop)
    {
        var latencies = new List<TimeSpan>();
        while (!stop.IsCancellationRequested)
            latencies.Add(await CreateAsync(client));
        return latencies;
    }

    /// <summary>One create, as the Api sends it; a create that gets no answer counts as taking the whole timeout.</summary>
    private static async Task<TimeSpan> CreateAsync(IRequestClient<CreateInstances> client)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await client.GetResponse<InstancesCreated, InstancesRejected>(
                new CreateInstances([new NewInstance("echo", $"good-{Guid.NewGuid():N}", "{}")]), timeout: RequestTimeout.After(ms: (int)CreateTimeout.TotalMilliseconds));
            Assert.True(response.Is(out Response<InstancesCreated>? _), "a create with a fresh id was rejected");
            return clock.Elapsed;
        }
        catch (RequestTimeoutException)
        {
            return CreateTimeout;
        }
    }

    private async Task<uint> WaitForMessagesAsync(string queue, int expected, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        uint count;
        while ((count = await infra.MessageCountAsync(queue)) < expected && deadline.Elapsed < patience)
            await Task.Delay(100);
        return count;
    }

    /// <summary>Registers the workflows the starts name, and makes the database refuse instances of <see cref="Refused"/>.</summary>
    private static async Task PrepareDatabaseAsync(IHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.WorkflowDefinitions.AddRange(
            new WorkflowDefinitionRow { Name = "echo", FirstSeenAt = now, LastSeenAt = now },
            new WorkflowDefinitionRow { Name = Refused, FirstSeenAt = now, LastSeenAt = now });
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlRawAsync($"ALTER TABLE {WorkflowsDbContext.Schema}.instances ADD CONSTRAINT test_refuses CHECK (workflow <> '{Refused}')");
    }

    private async Task<IHost> StartOrchestratorAsync(LogCapture? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings);
        builder.Logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Information);
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.AddWorkflows().AddOrchestrator()
            .ConfigureBus(x => x.AddRequestClient<CreateInstances>(QueueNames.Address(QueueNames.CreateInstances)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
