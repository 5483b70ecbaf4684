using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Workflows.Runtime;
using Workflows.Testing;

namespace Workflows.Hosting.Tests;

/// <summary>
/// What no consumer could handle, on real RabbitMQ: the <c>_error</c> and <c>_skipped</c> queues the engine creates expire
/// their messages and cap their length (section <c>Bus</c>), and every message moved there is counted per endpoint.
/// </summary>
public sealed class ErrorQueueTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_faulted_message_lands_in_an_error_queue_that_expires_messages_and_caps_its_length_and_is_counted()
    {
        const string queue = "faulted-probe";
        using var counted = new Measurements(queue);
        using var host = await StartAsync(queue, new() { ["Bus:ErrorQueueTtl"] = "1.00:00:00", ["Bus:ErrorQueueMaxLength"] = "500" });

        await host.Services.GetRequiredService<IBus>().Publish(new Probe(Probe.Fail));

        Assert.Equal(1u, await WaitForMessagesAsync($"{queue}_error", 1));
        var arguments = await infra.QueueArgumentsAsync($"{queue}_error");
        Assert.Equal(86_400_000, arguments["x-message-ttl"].GetInt64());
        Assert.Equal(500, arguments["x-max-length"].GetInt32());
        Assert.Equal("drop-head", arguments["x-overflow"].GetString());
        Assert.Equal(1, await counted.WaitForAsync(ErrorQueueMetrics.FaultedInstrument, 1));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_no_consumer_handles_lands_in_a_skipped_queue_with_the_default_limits_and_is_counted()
    {
        const string queue = "skipped-probe";
        using var counted = new Measurements(queue);
        using var host = await StartAsync(queue, []);

        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(new Unhandled("nobody here takes this"));

        Assert.Equal(1u, await WaitForMessagesAsync($"{queue}_skipped", 1));
        var arguments = await infra.QueueArgumentsAsync($"{queue}_skipped");
        Assert.Equal((long)TimeSpan.FromDays(7).TotalMilliseconds, arguments["x-message-ttl"].GetInt64());
        Assert.Equal(100_000, arguments["x-max-length"].GetInt32());
        Assert.Equal(1, await counted.WaitForAsync(ErrorQueueMetrics.SkippedInstrument, 1));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_that_succeeds_when_retried_is_not_counted_as_faulted()
    {
        const string queue = "retried-probe";
        using var counted = new Measurements(queue);
        using var host = await StartAsync(queue, []);
        var consumer = host.Services.GetRequiredService<ProbeLog>();

        await host.Services.GetRequiredService<IBus>().Publish(new Probe(Probe.FailOnce));
        await host.Services.GetRequiredService<IBus>().Publish(new Probe(Probe.Fail));

        await consumer.Succeeded.Task.WaitAsync(Patience);
        Assert.Equal(1, await counted.WaitForAsync(ErrorQueueMetrics.FaultedInstrument, 1));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, counted.Total(ErrorQueueMetrics.FaultedInstrument));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_error_queue_created_before_the_limits_is_kept_as_it_is_and_a_faulted_message_still_reaches_it()
    {
        const string queue = "legacy-probe";
        var factory = new ConnectionFactory { Uri = new Uri(infra.RabbitMqUri) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclareAsync($"{queue}_error", durable: true, exclusive: false, autoDelete: false);
        using var host = await StartAsync(queue, []);

        await host.Services.GetRequiredService<IBus>().Publish(new Probe(Probe.Fail));

        // Declared with the limits, RabbitMQ would refuse it (406) and MassTransit would redeliver the message in a loop.
        Assert.Equal(1u, await WaitForMessagesAsync($"{queue}_error", 1));
        Assert.Equal(0u, await infra.MessageCountAsync(queue));
        Assert.Empty(await infra.QueueArgumentsAsync($"{queue}_error"));
        await host.StopAsync();
    }

    [Fact]
    public async Task An_error_queue_ttl_beyond_what_rabbitmq_allows_stops_the_host_with_the_key_and_the_rule()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("invalid-probe", new() { ["Bus:ErrorQueueTtl"] = "60.00:00:00" }));

        Assert.Contains("Bus:ErrorQueueTtl: The field ErrorQueueTtl must be between 00:01:00 and 49.00:00:00.", e.Failures);
    }

    private async Task<uint> WaitForMessagesAsync(string queue, uint expected)
    {
        var clock = Stopwatch.StartNew();
        uint count;
        while ((count = await infra.MessageCountAsync(queue)) < expected && clock.Elapsed < Patience)
            await Task.Delay(100);
        return count;
    }

    /// <summary>A process whose one consumer (<see cref="ProbeConsumer"/>, one immediate retry) listens on <paramref name="queue"/>.</summary>
    private async Task<IHost> StartAsync(string queue, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings).AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new ProbeLog(queue));
        // A publish right after start must find the probe's queue bound to its exchange.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddWorkflows().ConfigureBus(x => x.AddConsumer<ProbeConsumer, ProbeConsumerDefinition>());
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public sealed record Probe(string Kind)
    {
        public const string Fail = "fail";
        public const string FailOnce = "fail-once";
    }

    public sealed record Unhandled(string Text);

    public sealed class ProbeLog(string queue)
    {
        public string Queue { get; } = queue;

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class ProbeConsumer(ProbeLog log) : IConsumer<Probe>
    {
        public Task Consume(ConsumeContext<Probe> context)
        {
            if (context.Message.Kind == Probe.Fail || (context.Message.Kind == Probe.FailOnce && context.GetRetryAttempt() == 0))
                throw new InvalidOperationException($"probe {context.Message.Kind}");
            log.Succeeded.TrySetResult();
            return Task.CompletedTask;
        }
    }

    public sealed class ProbeConsumerDefinition : ConsumerDefinition<ProbeConsumer>
    {
        public ProbeConsumerDefinition(ProbeLog log) => EndpointName = log.Queue;

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
            IConsumerConfigurator<ProbeConsumer> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.UseMessageRetry(r => r.Immediate(1));
    }

    /// <summary>The engine's message counters for one endpoint, as an exporter would read them.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly string _queue;
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, long Value)> _values = new();

        public Measurements(string queue)
        {
            _queue = queue;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowDiagnostics.ActivitySourceName
                    && instrument.Name is ErrorQueueMetrics.FaultedInstrument or ErrorQueueMetrics.SkippedInstrument)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == ErrorQueueMetrics.QueueTag && Equals(tag.Value, _queue))
                        _values.Enqueue((instrument.Name, value));
            });
            _listener.Start();
        }

        public long Total(string instrument) => _values.Where(v => v.Instrument == instrument).Sum(v => v.Value);

        public async Task<long> WaitForAsync(string instrument, long expected)
        {
            var clock = Stopwatch.StartNew();
            while (Total(instrument) < expected && clock.Elapsed < Patience)
                await Task.Delay(50);
            return Total(instrument);
        }

        public void Dispose() => _listener.Dispose();
    }
}
