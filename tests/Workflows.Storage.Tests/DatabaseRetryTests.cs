using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Hosting;
using Workflows.Testing;

namespace Workflows.Storage.Tests;

/// <summary>
/// <see cref="DatabaseRetry.UseDatabaseRetry"/> on real RabbitMQ and PostgreSQL: a transient failure is retried and
/// logged as one warning without a stack trace; a permanent one faults the message at once.
/// </summary>
public sealed class DatabaseRetryTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    private const string Queue = "database-retry-probe";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_database_nobody_answers_is_retried_and_each_retry_is_one_warning_without_a_stack_trace()
    {
        var logs = new LogCapture();
        using var host = await StartAsync(logs);
        var probe = host.Services.GetRequiredService<Attempts>();

        await host.Services.GetRequiredService<IBus>().Publish(new Write(Write.UnreachableOnce));

        await probe.Succeeded.Task.WaitAsync(Patience);
        Assert.Equal(2, probe.Count);
        var retry = Assert.Single(logs.Entries, e => e.Category == typeof(RetryLog).FullName);
        Assert.Equal((LogLevel.Warning, null), (retry.Level, retry.Exception));
        Assert.Contains("transient database failure", retry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.StartsWith("R-RETRY", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task Data_the_database_refuses_faults_the_message_at_once()
    {
        using var host = await StartAsync(new LogCapture());
        var probe = host.Services.GetRequiredService<Attempts>();

        await host.Services.GetRequiredService<IBus>().Publish(new Write(Write.NotJson));

        var clock = Stopwatch.StartNew();
        while (await infra.MessageCountAsync($"{Queue}_error") < 1 && clock.Elapsed < Patience)
            await Task.Delay(100);
        Assert.Equal(1u, await infra.MessageCountAsync($"{Queue}_error"));
        Assert.Equal(1, probe.Count);
        await host.StopAsync();
    }

    private async Task<IHost> StartAsync(LogCapture logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs);
        builder.Services.AddSingleton<Attempts>().AddSingleton(infra);
        // A publish right after start must find the probe's queue bound to its exchange.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.AddWorkflows().ConfigureBus(x => x.AddConsumer<WriteConsumer, WriteConsumerDefinition>());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public sealed record Write(string Kind)
    {
        public const string UnreachableOnce = "unreachable-once";
        public const string NotJson = "not-json";
    }

    public sealed class Attempts
    {
        private int _count;

        public int Count => _count;

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Fails as the database would: unreachable on the first attempt, or refusing params that are not JSON.</summary>
    public sealed class WriteConsumer(Attempts attempts, IsolatedInfrastructure infra) : IConsumer<Write>
    {
        public async Task Consume(ConsumeContext<Write> context)
        {
            attempts.Add();
            if (context.Message.Kind == Write.UnreachableOnce && context.GetRetryAttempt() == 0)
            {
                await using var nowhere = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=x;Username=x;Password=x;Timeout=2");
                await using var connection = await nowhere.OpenConnectionAsync(context.CancellationToken);
            }
            if (context.Message.Kind == Write.NotJson)
            {
                await using var database = NpgsqlDataSource.Create(infra.PostgresConnectionString);
                await using var command = database.CreateCommand("SELECT 'not json'::json");
                await command.ExecuteNonQueryAsync(context.CancellationToken);
            }
            attempts.Succeeded.TrySetResult();
        }
    }

    public sealed class WriteConsumerDefinition : ConsumerDefinition<WriteConsumer>
    {
        public WriteConsumerDefinition() => EndpointName = Queue;

        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
            IConsumerConfigurator<WriteConsumer> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.UseDatabaseRetry(context);
    }
}
